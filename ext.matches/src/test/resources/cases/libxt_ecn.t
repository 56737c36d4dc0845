# ecn match. Checked against iptables/ip6tables v1.8.9 (nf_tables).
:INPUT,FORWARD,OUTPUT
-m ecn --ecn-tcp-cwr;;FAIL
-p tcp -m ecn --ecn-tcp-cwr;=;OK
-p tcp -m ecn --ecn-tcp-ece;=;OK
-p tcp -m ecn ! --ecn-tcp-ece ! --ecn-tcp-cwr;=;OK
-p tcp -m ecn --ecn-tcp-ece --ecn-tcp-cwr --ecn-ip-ect 2;=;OK
-m ecn --ecn-ip-ect 0;=;OK
-m ecn --ecn-ip-ect 3;=;OK
-m ecn ! --ecn-ip-ect 1;=;OK
-m ecn --ecn-ip-ect 4;;FAIL
-m ecn;;FAIL
-p udp -m ecn --ecn-ip-ect 1;=;OK
-p udp -m ecn --ecn-tcp-ece;;FAIL
