# connlimit match. Checked against iptables v1.8.9 (nf_tables).
:INPUT,FORWARD,OUTPUT
-m connlimit --connlimit-above 2 --connlimit-saddr --connlimit-daddr;;FAIL
-m connlimit --connlimit-above 2 --connlimit-upto 3;;FAIL
-m connlimit;;FAIL
-m connlimit --connlimit-above 4294967296;;FAIL
-m connlimit --connlimit-mask 24;;FAIL
-m connlimit --connlimit-above x;;FAIL
