# conntrack addresses (IPv6), checked against ip6tables 1.8.9: inet_ntop text, not masked
:INPUT,FORWARD
-m conntrack --ctorigsrc ::ffff:1.2.3.4 --ctrepldst 2001:DB8:0:0:0:0:0:1/64;-m conntrack --ctorigsrc ::ffff:1.2.3.4 --ctrepldst 2001:db8::1/64;OK
-m conntrack --ctorigdst 2001:db8::1/128;-m conntrack --ctorigdst 2001:db8::1;OK

# Upstream iptables test cases (extensions/*.t) missing here before the audit; expected results
# checked against the real iptables/ip6tables/arptables 1.8.9 (nf_tables), which wins where upstream differs.
*filter
:INPUT,FORWARD,OUTPUT
-m conntrack --ctorigsrc 2001:db8::1;=;OK
-m conntrack --ctorigdst 2001:db8::1;=;OK
-m conntrack --ctreplsrc 2001:db8::1;=;OK
-m conntrack --ctrepldst 2001:db8::1;=;OK
