# esp match. Checked against iptables/ip6tables v1.8.9 (nf_tables).
:INPUT,FORWARD,OUTPUT
-p esp -m esp --espspi 0;=;OK
-p esp -m esp --espspi :32;-p esp -m esp --espspi 0:32;OK
-p esp -m esp --espspi 0:4294967295;-p esp -m esp;OK
-p esp -m esp ! --espspi 0:4294967294;=;OK
-p esp -m esp --espspi -1;;FAIL
-p esp -m esp;=;OK
-p esp -m esp --espspi 5:3;=;OK
-p esp -m esp --espspi 0x10;-p esp -m esp --espspi 16;OK
-p esp -m esp --espspi 4294967296;;FAIL
-m esp --espspi 1;;FAIL
-p tcp -m esp --espspi 1;;FAIL
-p 50 -m esp --espspi 1;-p esp -m esp --espspi 1;OK
-p esp --espspi 1;-p esp -m esp --espspi 1;OK
-p esp -m esp --espspi 3:3;-p esp -m esp --espspi 3;OK
-p esp -m esp ! --espspi :;-p esp -m esp;OK
-p esp -m esp ! --espspi 5;=;OK
