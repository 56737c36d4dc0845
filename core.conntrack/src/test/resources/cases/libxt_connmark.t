# connmark match, checked against iptables 1.8.9 (nf_tables)
:PREROUTING,INPUT,FORWARD,OUTPUT,POSTROUTING
*mangle
-m connmark --mark 1;-m connmark --mark 0x1;OK
-m connmark --mark 0x10/0xf0;=;OK
-m connmark ! --mark 0x2;=;OK
-m connmark --mark 7/0xffffffff;-m connmark --mark 0x7;OK
-m connmark --mark 010;-m connmark --mark 0x8;OK
-m connmark --mark 0x5/0;-m connmark --mark 0x5/0x0;OK
-m connmark --mark 0x100000000;;FAIL
-m connmark --mark abc;;FAIL
-m connmark;;FAIL
