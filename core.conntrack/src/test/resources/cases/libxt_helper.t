# helper match, checked against iptables 1.8.9 (nf_tables) in a network namespace
:INPUT,FORWARD,OUTPUT
-m helper --helper ftp;=;OK
-m helper ! --helper ftp;=;OK
-m helper --helper "";=;OK
-m helper;;FAIL
