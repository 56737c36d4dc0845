# mark match. Checked against iptables/ip6tables v1.8.9 (nf_tables). Listed in hex, mask only when not all ones.
:INPUT,FORWARD,OUTPUT
-m mark --mark 0xfeedcafe/0xfeedcafe;=;OK
-m mark --mark 0x0;=;OK
-m mark --mark 5;-m mark --mark 0x5;OK
-m mark ! --mark 5;-m mark ! --mark 0x5;OK
-m mark --mark 0x5/0xff;=;OK
-m mark --mark 5/0;-m mark --mark 0x5/0x0;OK
-m mark --mark 010;-m mark --mark 0x8;OK
-m mark --mark 4294967295;-m mark --mark 0xffffffff;OK
-m mark --mark 0x0/0xff0;=;OK
-m mark --mark 4294967296;;FAIL
-m mark --mark -1;;FAIL
-m mark --mark /0x2;;FAIL
-m mark --mark 5/;;FAIL
-m mark --mark abc;;FAIL
-m mark;;FAIL
*mangle
:PREROUTING,INPUT,FORWARD,OUTPUT,POSTROUTING
-m mark --mark 0x1/0x1;=;OK
