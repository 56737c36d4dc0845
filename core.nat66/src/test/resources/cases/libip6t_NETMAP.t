# iptables' own extensions/libip6t_NETMAP.t (upstream) and more; every line gives the same result with ip6tables 1.8.9 on this machine.
:PREROUTING,INPUT,OUTPUT,POSTROUTING
*nat
-j NETMAP --to dead::/64;=;OK
-j NETMAP --to dead::beef;-j NETMAP --to dead::beef/128;OK
-j NETMAP --to dead:beef::1/64;-j NETMAP --to dead:beef::/64;OK
-j NETMAP --to dead:beef::1/ffff::;-j NETMAP --to dead::/16;OK
-j NETMAP --to dead:beef::1/129;;FAIL
-j NETMAP --to dead:beef::1/x;;FAIL
-j NETMAP --to 1.2.3.4/24;;FAIL
-j NETMAP;;FAIL
