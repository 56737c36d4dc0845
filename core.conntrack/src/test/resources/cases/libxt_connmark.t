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

# Upstream iptables test cases (extensions/*.t) missing here before the audit; expected results
# checked against the real iptables/ip6tables/arptables 1.8.9 (nf_tables), which wins where upstream differs.
*mangle
:PREROUTING,FORWARD,OUTPUT,POSTROUTING
-m connmark --mark 0xffffffff;=;OK
-m connmark --mark 0xffffffff/0xffffffff;-m connmark --mark 0xffffffff;OK
-m connmark --mark 0xffffffff/0x0;=;OK
-m connmark --mark 0/0xffffffff;-m connmark --mark 0x0;OK
-m connmark --mark -1;;FAIL
-m connmark --mark 0xfffffffff;;FAIL
