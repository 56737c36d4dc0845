# ah match. Checked against iptables/ip6tables v1.8.9 (nf_tables).
:INPUT,FORWARD,OUTPUT
-p ah -m ah --ahspi 0;=;OK
-p ah -m ah --ahspi 134;=;OK
-p ah -m ah --ahspi 0:4294967295;-p ah -m ah;OK
-p ah -m ah ! --ahspi 0:4294967295;-p ah -m ah;OK
-p ah -m ah --ahspi :;-p ah -m ah;OK
-p ah -m ah --ahspi 4:;-p ah -m ah --ahspi 4:4294967295;OK
-p ah -m ah --ahspi -1;;FAIL
-p ah -m ah --ahspi 4294967296;;FAIL
-p ah -m ah;=;OK
-m ah --ahspi 1;;FAIL
-p ah --ahspi 1;-p ah -m ah --ahspi 1;OK
-p ah -m ah --ahspi 3:3;-p ah -m ah --ahspi 3;OK
-p ah -m ah --ahlen 3;;FAIL
