# addrtype match. Checked against iptables/ip6tables v1.8.9 (nf_tables).
:INPUT,FORWARD,OUTPUT
-m addrtype --dst-type BROADCAST;=;OK
-m addrtype --src-type UNSPEC,UNICAST,LOCAL,BROADCAST,ANYCAST,MULTICAST,BLACKHOLE,UNREACHABLE,PROHIBIT,THROW,NAT,XRESOLVE;=;OK
-m addrtype ! --dst-type BROADCAST,MULTICAST;=;OK
:FORWARD
-m addrtype --dst-type LOCAL --limit-iface-out;=;OK
-m addrtype --dst-type LOCAL --limit-iface-in;=;OK
:PREROUTING
*mangle
-m addrtype --dst-type LOCAL --limit-iface-in;=;OK
-m addrtype --dst-type LOCAL --limit-iface-out;;FAIL
:POSTROUTING
*mangle
-m addrtype --dst-type LOCAL --limit-iface-out;=;OK
-m addrtype --dst-type LOCAL --limit-iface-in;;FAIL
