# addrtype match. Checked against iptables/ip6tables v1.8.9 (nf_tables).
:INPUT,FORWARD,OUTPUT
-m addrtype;;FAIL
-m addrtype --src-type wrong;;FAIL
-m addrtype --src-type UNSPEC;=;OK
-m addrtype --dst-type UNSPEC;=;OK
-m addrtype --src-type LOCAL --dst-type LOCAL;=;OK
-m addrtype --dst-type UNSPEC;=;OK
-m addrtype --limit-iface-in;;FAIL
-m addrtype --limit-iface-out;;FAIL
-m addrtype --limit-iface-in --limit-iface-out;;FAIL
-m addrtype --src-type LOCAL --limit-iface-in --limit-iface-out;;FAIL
-m addrtype --src-type UNICAST,LOCAL;=;OK
-m addrtype --src-type LOCAL,UNICAST;-m addrtype --src-type UNICAST,LOCAL;OK
-m addrtype ! --src-type LOCAL;=;OK
-m addrtype ! --dst-type LOCAL ! --src-type MULTICAST;-m addrtype ! --src-type MULTICAST ! --dst-type LOCAL;OK
-m addrtype --dst-type local;-m addrtype --dst-type LOCAL;OK
:INPUT
-m addrtype --src-type LOCAL --limit-iface-in;=;OK
-m addrtype --dst-type LOCAL --limit-iface-in;=;OK
-m addrtype --dst-type LOCAL --limit-iface-out;;FAIL
:OUTPUT
-m addrtype --src-type LOCAL --limit-iface-out;=;OK
-m addrtype --dst-type LOCAL --limit-iface-out;=;OK
-m addrtype --dst-type LOCAL --limit-iface-in;;FAIL
