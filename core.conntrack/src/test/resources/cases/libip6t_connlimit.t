# connlimit match, IPv6. Checked against ip6tables v1.8.9 (nf_tables).
:INPUT,FORWARD,OUTPUT
-m connlimit --connlimit-above 2;-m connlimit --connlimit-above 2 --connlimit-mask 128 --connlimit-saddr;OK
-m connlimit --connlimit-upto 2 --connlimit-mask 64 --connlimit-daddr;=;OK
-m connlimit --connlimit-upto 2 --connlimit-mask 129;;FAIL
