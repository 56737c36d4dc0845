# LOG. Checked against iptables/ip6tables v1.8.9 (nf_tables). Levels list as numbers; warning (4) is not listed.
:INPUT,FORWARD,OUTPUT
-j LOG;=;OK
-j LOG --log-prefix "test: ";=;OK
-j LOG --log-prefix abc;=;OK
-j LOG --log-prefix ppppppppppppppppppppppppppppp;=;OK
-j LOG --log-prefix pppppppppppppppppppppppppppppqqqqq;-j LOG --log-prefix ppppppppppppppppppppppppppppp;OK
-j LOG --log-prefix "a\\nb";=;OK
-j LOG --log-prefix "test: " --log-level 1;=;OK
-j LOG --log-prefix "test: " --log-level alert;-j LOG --log-prefix "test: " --log-level 1;OK
-j LOG --log-prefix "test: " --log-tcp-sequence;=;OK
-j LOG --log-prefix "test: " --log-tcp-options;=;OK
-j LOG --log-prefix "test: " --log-ip-options;=;OK
-j LOG --log-prefix "test: " --log-uid;=;OK
-j LOG --log-prefix "test: " --log-macdecode;=;OK
-j LOG --log-level emerg;-j LOG --log-level 0;OK
-j LOG --log-level panic;-j LOG --log-level 0;OK
-j LOG --log-level crit;-j LOG --log-level 2;OK
-j LOG --log-level error;-j LOG --log-level 3;OK
-j LOG --log-level warning;-j LOG;OK
-j LOG --log-level 4;-j LOG;OK
-j LOG --log-level notice;-j LOG --log-level 5;OK
-j LOG --log-level info;-j LOG --log-level 6;OK
-j LOG --log-level debug;-j LOG --log-level 7;OK
-j LOG --log-level 0;=;OK
-j LOG --log-level 7;=;OK
-j LOG --log-tcp-sequence --log-tcp-options --log-ip-options --log-uid --log-macdecode;=;OK
-j LOG --log-macdecode --log-uid --log-ip-options --log-tcp-options --log-tcp-sequence --log-level 1 --log-prefix x;-j LOG --log-prefix x --log-level 1 --log-tcp-sequence --log-tcp-options --log-ip-options --log-uid --log-macdecode;OK
-j LOG --log-prefix "test: " --log-level bad;;FAIL
-j LOG --log-level 8;;FAIL
-j LOG --log-level warn;;FAIL
-j LOG --log-level err;;FAIL
-j LOG --log-level ALERT;;FAIL
-j LOG --log-level 3 --log-level 4;;FAIL
-j LOG --log-prefix;;FAIL
-j LOG --log-prefix "";;FAIL
*mangle
:PREROUTING,INPUT,FORWARD,OUTPUT,POSTROUTING
-j LOG --log-prefix "m ";=;OK
*raw
:PREROUTING,OUTPUT
-j LOG --log-uid;=;OK
