# pkttype match. Checked against iptables/ip6tables v1.8.9 (nf_tables).
:INPUT,FORWARD,OUTPUT
-m pkttype --pkt-type unicast;=;OK
-m pkttype --pkt-type broadcast;=;OK
-m pkttype --pkt-type multicast;=;OK
-m pkttype --pkt-type wrong;;FAIL
-m pkttype;;FAIL
-m pkttype ! --pkt-type unicast;=;OK
-m pkttype --pkt-type host;-m pkttype --pkt-type unicast;OK
-m pkttype --pkt-type otherhost;=;OK
-m pkttype --pkt-type outgoing;;FAIL
-m pkttype --pkt-type loopback;;FAIL
-m pkttype --pkt-type Broadcast;-m pkttype --pkt-type broadcast;OK
-m pkttype --pkt-type BROADCAST;-m pkttype --pkt-type broadcast;OK
