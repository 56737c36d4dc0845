# DNPT target: iptables' own extensions/libip6t_DNPT.t, then more cases. Every line checked against
# ip6tables v1.8.9 (nf_tables) on this machine (kernel ip6t_NPT refusals: exit 4 "Invalid argument").
# Upstream's file tries PREROUTING only; OUTPUT is added because the kernel allows DNPT there too.
:PREROUTING,OUTPUT
*mangle
-j DNPT --src-pfx dead::/64 --dst-pfx 1c3::/64;=;OK
-j DNPT --src-pfx dead::beef --dst-pfx 1c3::/64;;FAIL
-j DNPT --src-pfx dead::/64;;FAIL
-j DNPT --dst-pfx dead::/64;;FAIL
-j DNPT;;FAIL
# not in upstream's file
-j DNPT --src-pfx dead::/48 --dst-pfx 1c3::/64;=;OK
-j DNPT --src-pfx dead::/50 --dst-pfx 1c3::/50;=;OK
-j DNPT --dst-pfx 1c3::/64 --src-pfx dead::/64;-j DNPT --src-pfx dead::/64 --dst-pfx 1c3::/64;OK
-j DNPT --src-pfx dead::/ffff:ffff:ffff:: --dst-pfx 1c3::/64;-j DNPT --src-pfx dead::/48 --dst-pfx 1c3::/64;OK
-j DNPT --src-pfx dead::/ffff:ff00:: --dst-pfx 1c3::/64;-j DNPT --src-pfx dead::/24 --dst-pfx 1c3::/64;OK
-j DNPT --src-pfx DEAD:0:0::/064 --dst-pfx 1c3::/64;-j DNPT --src-pfx dead::/52 --dst-pfx 1c3::/64;OK
-j DNPT --src-pfx 2001:db8:1:0:0:0:0:0/48 --dst-pfx 2001:0db8:00ff::/48;-j DNPT --src-pfx 2001:db8:1::/48 --dst-pfx 2001:db8:ff::/48;OK
-j DNPT --src-pfx dead::/ffff:ff0f:: --dst-pfx 1c3::/64;;FAIL
-j DNPT --src-pfx dead::1/64 --dst-pfx 1c3::/64;;FAIL
-j DNPT --src-pfx dead::/64 --dst-pfx 1c3::1/64;;FAIL
-j DNPT --src-pfx dead::/65 --dst-pfx 1c3::/64;;FAIL
-j DNPT --src-pfx dead::/128 --dst-pfx 1c3::/128;;FAIL
-j DNPT --src-pfx dead::/129 --dst-pfx 1c3::/64;;FAIL
-j DNPT --src-pfx dead::/0 --dst-pfx 1c3::/0;;FAIL
-j DNPT --src-pfx dead::/-1 --dst-pfx 1c3::/64;;FAIL
-j DNPT --src-pfx dead::/ --dst-pfx 1c3::/64;;FAIL
-j DNPT --src-pfx dead::/64x --dst-pfx 1c3::/64;;FAIL
-j DNPT --src-pfx ::ffff:1.2.3.0/120 --dst-pfx 1c3::/64;;FAIL
-j DNPT --src-pfx 10.0.0.0/8 --dst-pfx 1c3::/64;;FAIL
-j DNPT ! --src-pfx dead::/64 --dst-pfx 1c3::/64;;FAIL
-j DNPT --src-pfx dead::/64 --dst-pfx 1c3::/64 --src-pfx beef::/64;;FAIL
-j DNPT --src-pfx dead::/64 --dst-pfx 1c3::/64 --foo;;FAIL
-j DNPT --src-pfx dead::/64 --dst-pfx;;FAIL
-s dead::/64 -p tcp -j DNPT --src-pfx dead::/64 --dst-pfx 1c3::/64;=;OK
# Differs from 1.8.9 on purpose: ip6tables accepts a ::/0 prefix but lists and saves it as nothing
# ("-j DNPT --src-pfx dead::/64"), which its own restore then refuses ("--dst-pfx must be specified").
# pkttables refuses it when the rule is added, so that every saved ruleset restores.
-j DNPT --src-pfx dead::/64 --dst-pfx ::/0;;FAIL
-j DNPT --src-pfx ::/0 --dst-pfx ::/0;;FAIL
:INPUT,FORWARD,POSTROUTING
*mangle
-j DNPT --src-pfx dead::/64 --dst-pfx 1c3::/64;;FAIL
:INPUT,OUTPUT
*filter
-j DNPT --src-pfx dead::/64 --dst-pfx 1c3::/64;;FAIL
:PREROUTING
*nat
-j DNPT --src-pfx dead::/64 --dst-pfx 1c3::/64;;FAIL
