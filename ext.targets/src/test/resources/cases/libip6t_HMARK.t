# HMARK target, IPv6 prefixes. Checked against ip6tables v1.8.9 (nf_tables).
:PREROUTING,INPUT,FORWARD,OUTPUT,POSTROUTING
*mangle
-j HMARK --hmark-tuple src,dst,sport,dport,proto --hmark-rnd 0xfeedcafe --hmark-mod 100 --hmark-offset 1000;-j HMARK --hmark-src-prefix 128 --hmark-dst-prefix 128 --hmark-sport-mask 0xffff --hmark-dport-mask 0xffff --hmark-proto-mask 0xffff --hmark-rnd 0xfeedcafe --hmark-mod 100 --hmark-offset 1000;OK
-j HMARK --hmark-src-prefix 64 --hmark-rnd 1 --hmark-mod 10;-j HMARK --hmark-src-prefix 64 --hmark-rnd 0x00000001 --hmark-mod 10;OK
-j HMARK --hmark-src-prefix 129 --hmark-rnd 1 --hmark-mod 10;;FAIL
