# ah match. Checked against iptables/ip6tables v1.8.9 (nf_tables).
:INPUT,FORWARD,OUTPUT
-m ah --ahspi 0;=;OK
-m ah --ahspi 134;=;OK
-m ah --ahspi 0:4294967295;-m ah;OK
-m ah ! --ahspi 0:4294967295;-m ah;OK
-m ah --ahspi :;-m ah;OK
-m ah --ahspi 4:;-m ah --ahspi 4:4294967295;OK
-m ah --ahspi -1;;FAIL
-m ah;=;OK
-m ah --ahlen 32;=;OK
-m ah ! --ahlen 32;=;OK
-m ah --ahres;=;OK
-m ah --ahspi 1 --ahlen 2 --ahres;=;OK
-m ah --ahres --ahlen 2 --ahspi 1;-m ah --ahspi 1 --ahlen 2 --ahres;OK
-m ah --ahlen 4294967296;;FAIL
-p ah -m ah --ahspi 1;=;OK
-p 51 -m ah --ahspi 1;-p ah -m ah --ahspi 1;OK
-m ah --ahspi 3:3;-m ah --ahspi 3;OK
