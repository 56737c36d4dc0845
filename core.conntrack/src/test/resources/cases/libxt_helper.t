# helper match, checked against iptables 1.8.9 (nf_tables) in a network namespace
:INPUT,FORWARD,OUTPUT
-m helper --helper ftp;=;OK
-m helper ! --helper ftp;=;OK
-m helper --helper "";=;OK
-m helper;;FAIL

# Upstream iptables test cases (extensions/*.t) plus a few more, checked against iptables 1.8.9 (nf_tables) by the audit.
*filter
:INPUT,FORWARD,OUTPUT
-m helper --helper ftp-21;=;OK
-m helper --helper "a b";=;OK
-m helper --helper sip -m helper --helper ftp;=;OK
# Not here yet: 1.8.9 cuts a name longer than 29 characters (--helper abcdefghijklmnopqrstuvwxyz0123 lists as
# --helper abcdefghijklmnopqrstuvwxyz012), pkttables refuses it.
