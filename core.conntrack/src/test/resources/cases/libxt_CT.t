# CT target (raw table only), checked against iptables 1.8.9 (nf_tables)
:PREROUTING,OUTPUT
*raw
-j CT --notrack;=;OK
-j CT;=;OK
-j CT --zone 65536;;FAIL
-j CT --zone -1;;FAIL

# Upstream iptables test cases (extensions/*.t) missing here before the audit; expected results
# checked against the real iptables/ip6tables/arptables 1.8.9 (nf_tables), which wins where upstream differs.
*raw
:PREROUTING,OUTPUT
