# connlimit match, IPv4. Checked against iptables v1.8.9 (nf_tables).
:INPUT,FORWARD,OUTPUT
-m connlimit --connlimit-above 2;-m connlimit --connlimit-above 2 --connlimit-mask 32 --connlimit-saddr;OK
-m connlimit --connlimit-upto 2;-m connlimit --connlimit-upto 2 --connlimit-mask 32 --connlimit-saddr;OK
-m connlimit ! --connlimit-above 2;-m connlimit --connlimit-upto 2 --connlimit-mask 32 --connlimit-saddr;OK
-m connlimit ! --connlimit-upto 2;-m connlimit --connlimit-above 2 --connlimit-mask 32 --connlimit-saddr;OK
-m connlimit --connlimit-above 2 --connlimit-mask 24;-m connlimit --connlimit-above 2 --connlimit-mask 24 --connlimit-saddr;OK
-m connlimit --connlimit-above 2 --connlimit-mask 33;-m connlimit --connlimit-above 2 --connlimit-mask 32 --connlimit-saddr;OK
-m connlimit --connlimit-above 2 --connlimit-mask 0;-m connlimit --connlimit-above 2 --connlimit-mask 0 --connlimit-saddr;OK
-m connlimit --connlimit-above 2 --connlimit-daddr;-m connlimit --connlimit-above 2 --connlimit-mask 32 --connlimit-daddr;OK
-m connlimit --connlimit-above 2 --connlimit-saddr;-m connlimit --connlimit-above 2 --connlimit-mask 32 --connlimit-saddr;OK
-m connlimit --connlimit-above 0;-m connlimit --connlimit-above 0 --connlimit-mask 32 --connlimit-saddr;OK
-m connlimit --connlimit-above 4294967295;-m connlimit --connlimit-above 4294967295 --connlimit-mask 32 --connlimit-saddr;OK
-m connlimit --connlimit-above 2 --connlimit-mask 255.255.0.0;-m connlimit --connlimit-above 2 --connlimit-mask 16 --connlimit-saddr;OK
