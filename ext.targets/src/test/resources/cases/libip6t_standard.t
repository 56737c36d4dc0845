# Upstream iptables test cases (extensions/*.t) missing here before the audit; expected results
# checked against the real iptables/ip6tables/arptables 1.8.9 (nf_tables), which wins where upstream differs.
*filter
:INPUT,FORWARD,OUTPUT
-s ::/128;=;OK
! -d ::;! -d ::/128;OK
! -s ::;! -s ::/128;OK
-s ::/64;=;OK
*filter
:INPUT
-i + -d c0::fe;-d c0::fe/128;OK
-i + -p tcp;-p tcp;OK
