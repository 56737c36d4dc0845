# set match with ip6tables 1.8.9 (nf_tables); sets as in libipt_set.t.
:INPUT,FORWARD,OUTPUT
-m set --match-set foo6 src;=;OK
-m set ! --match-set foo6 dst --return-nomatch;=;OK
-m set --match-set l4 src;=;OK
-m set --match-set foo src;;FAIL

# Upstream iptables test cases (extensions/*.t) missing here before the audit; expected results
# checked against the real iptables/ip6tables/arptables 1.8.9 (nf_tables), which wins where upstream differs.
*filter
:INPUT,FORWARD,OUTPUT
-m set --match-set foo;;FAIL
-m set --match-set foo src,dst;;FAIL
