# iptables' own extensions/libipt_NETMAP.t (upstream); every line gives the same result with iptables 1.8.9 on this machine.
:PREROUTING,INPUT,OUTPUT,POSTROUTING
*nat
-j NETMAP --to 1.2.3.0/24;=;OK
-j NETMAP --to 1.2.3.4;-j NETMAP --to 1.2.3.4/32;OK
