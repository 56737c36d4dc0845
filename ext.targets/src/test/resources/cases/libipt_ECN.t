# ECN target. Checked against iptables/ip6tables v1.8.9 (nf_tables).
:PREROUTING,INPUT,FORWARD,OUTPUT,POSTROUTING
*mangle
-j ECN --ecn-tcp-remove;;FAIL
-p tcp -j ECN --ecn-tcp-remove;=;OK
-j ECN;;FAIL
-p tcp -j ECN;;FAIL
-p tcp -j ECN --ecn-tcp-cwr 1;=;OK
-p tcp -j ECN --ecn-tcp-ece 1;=;OK
-p tcp -j ECN --ecn-ip-ect 1;=;OK
-p tcp -j ECN --ecn-tcp-remove --ecn-ip-ect 0;-p tcp -j ECN --ecn-tcp-ece 0 --ecn-tcp-cwr 0 --ecn-ip-ect 0;OK
-p tcp -j ECN --ecn-tcp-cwr 0;=;OK
-p tcp -j ECN --ecn-tcp-ece 0;=;OK
-p tcp -j ECN --ecn-tcp-ece 0 --ecn-tcp-cwr 0;-p tcp -j ECN --ecn-tcp-remove;OK
-p tcp -j ECN --ecn-tcp-cwr 0 --ecn-tcp-ece 1;-p tcp -j ECN --ecn-tcp-ece 1 --ecn-tcp-cwr 0;OK
-p tcp -j ECN --ecn-tcp-cwr 2;;FAIL
-p tcp -j ECN --ecn-ip-ect 3;=;OK
-p tcp -j ECN --ecn-ip-ect 4;;FAIL
-p udp -j ECN --ecn-ip-ect 1;=;OK
-j ECN --ecn-ip-ect 2;=;OK
-p udp -j ECN --ecn-tcp-ece 1;;FAIL
-p tcp -j ECN --ecn-tcp-remove --ecn-tcp-ece 1;;FAIL
-p tcp -j ECN --ecn-ip-ect 0x1;-p tcp -j ECN --ecn-ip-ect 1;OK
-p tcp -j ECN --ecn-tcp-cwr 0x1;-p tcp -j ECN --ecn-tcp-cwr 1;OK
:INPUT
*filter
-j ECN --ecn-ip-ect 2;;FAIL
