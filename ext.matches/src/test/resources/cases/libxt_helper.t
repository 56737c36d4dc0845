# Upstream iptables test cases (extensions/*.t) missing here before the audit; expected results
# checked against the real iptables/ip6tables/arptables 1.8.9 (nf_tables), which wins where upstream differs.
*filter
:INPUT,FORWARD,OUTPUT
-m helper --helper ftp;=;OK
-m helper;;FAIL
# More, checked against iptables 1.8.9: names are cut to 29 characters, quoted when needed.
-m helper ! --helper ftp;=;OK
-m helper --helper ftp-21;=;OK
-m helper --helper "";=;OK
-m helper --helper abcdefghijklmnopqrstuvwxyz0123;-m helper --helper abcdefghijklmnopqrstuvwxyz012;OK
-m helper --helper "a b";=;OK
-m helper --helper sip -m helper --helper ftp;=;OK
