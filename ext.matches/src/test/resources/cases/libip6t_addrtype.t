# addrtype match. Checked against iptables/ip6tables v1.8.9 (nf_tables).
:INPUT
-m addrtype --src-type UNSPEC;=;OK
-m addrtype --src-type UNICAST;=;OK
-m addrtype --src-type LOCAL;=;OK
-m addrtype --src-type BROADCAST;;FAIL
-m addrtype --src-type ANYCAST;=;OK
-m addrtype --src-type MULTICAST;=;OK
-m addrtype --src-type BLACKHOLE;;FAIL
-m addrtype --src-type UNREACHABLE;=;OK
-m addrtype --src-type PROHIBIT;;FAIL
-m addrtype --src-type THROW;;FAIL
-m addrtype --src-type NAT;;FAIL
-m addrtype --src-type XRESOLVE;;FAIL
