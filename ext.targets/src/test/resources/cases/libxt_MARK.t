# MARK. Checked against iptables/ip6tables v1.8.9 (nf_tables). Every form lists as --set-xmark value/mask.
:INPUT,FORWARD,OUTPUT
-j MARK --set-xmark 0xfeedcafe/0xfeedcafe;=;OK
-j MARK --set-xmark 0x0;-j MARK --set-xmark 0x0/0xffffffff;OK
-j MARK --set-xmark 4294967295;-j MARK --set-xmark 0xffffffff/0xffffffff;OK
-j MARK --set-xmark 5;-j MARK --set-xmark 0x5/0xffffffff;OK
-j MARK --set-xmark 0x5/0xff;=;OK
-j MARK --set-xmark 0x5/0x3;=;OK
-j MARK --set-xmark 0/0;-j MARK --set-xmark 0x0/0x0;OK
-j MARK --set-mark 5;-j MARK --set-xmark 0x5/0xffffffff;OK
-j MARK --set-mark 5/0xff;-j MARK --set-xmark 0x5/0xff;OK
-j MARK --set-mark 5/0x3;-j MARK --set-xmark 0x5/0x7;OK
-j MARK --set-mark 010;-j MARK --set-xmark 0x8/0xffffffff;OK
-j MARK --set-mark 0;-j MARK --set-xmark 0x0/0xffffffff;OK
-j MARK --set-mark 0/0;-j MARK --set-xmark 0x0/0x0;OK
-j MARK --and-mark 0xff;-j MARK --set-xmark 0x0/0xffffff00;OK
-j MARK --and-mark 0;-j MARK --set-xmark 0x0/0xffffffff;OK
-j MARK --or-mark 0x10;-j MARK --set-xmark 0x10/0x10;OK
-j MARK --or-mark 0;-j MARK --set-xmark 0x0/0x0;OK
-j MARK --xor-mark 0x10;-j MARK --set-xmark 0x10/0x0;OK
-j MARK --xor-mark 0;-j MARK --set-xmark 0x0/0x0;OK
-j MARK --set-xmark 4294967296;;FAIL
-j MARK --set-xmark -1;;FAIL
-j MARK --set-mark 4294967296;;FAIL
-j MARK --and-mark 5/3;;FAIL
-j MARK --set-mark 5 --or-mark 3;;FAIL
-j MARK;;FAIL
*mangle
:PREROUTING,INPUT,FORWARD,OUTPUT,POSTROUTING
-j MARK --set-mark 1;-j MARK --set-xmark 0x1/0xffffffff;OK
*raw
:PREROUTING,OUTPUT
-j MARK --set-mark 1;-j MARK --set-xmark 0x1/0xffffffff;OK
