# conntrack addresses (IPv4), checked against iptables 1.8.9: listed as given, not masked
:INPUT,FORWARD
-m conntrack --ctorigsrc 10.1.2.3/8 --ctorigdst 10.1.2.3/255.255.0.0;-m conntrack --ctorigsrc 10.1.2.3/8 --ctorigdst 10.1.2.3/16;OK
-m conntrack --ctreplsrc 10.0.0.1/32;-m conntrack --ctreplsrc 10.0.0.1;OK

# Upstream iptables test cases (extensions/*.t) missing here before the audit; expected results
# checked against the real iptables/ip6tables/arptables 1.8.9 (nf_tables), which wins where upstream differs.
*filter
:INPUT,FORWARD,OUTPUT
-m conntrack --ctorigsrc 1.1.1.1;=;OK
-m conntrack --ctorigdst 1.1.1.1;=;OK
-m conntrack --ctreplsrc 1.1.1.1;=;OK
-m conntrack --ctrepldst 1.1.1.1;=;OK
