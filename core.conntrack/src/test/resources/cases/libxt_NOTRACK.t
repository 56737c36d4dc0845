# NOTRACK target (raw table only), checked against iptables 1.8.9 (nf_tables)
:PREROUTING,OUTPUT
*raw
-j NOTRACK;=;OK
-p udp -j NOTRACK;=;OK
