# HMARK target, IPv4 prefixes. Checked against iptables v1.8.9 (nf_tables).
:PREROUTING,INPUT,FORWARD,OUTPUT,POSTROUTING
*mangle
-j HMARK --hmark-tuple src,dst,sport,dport,proto --hmark-rnd 0xfeedcafe --hmark-mod 100 --hmark-offset 1000;-j HMARK --hmark-src-prefix 32 --hmark-dst-prefix 32 --hmark-sport-mask 0xffff --hmark-dport-mask 0xffff --hmark-proto-mask 0xffff --hmark-rnd 0xfeedcafe --hmark-mod 100 --hmark-offset 1000;OK
-j HMARK --hmark-tuple src --hmark-rnd 1 --hmark-mod 1;-j HMARK --hmark-src-prefix 32 --hmark-rnd 0x00000001 --hmark-mod 1;OK
-j HMARK --hmark-tuple dst,proto --hmark-rnd 1 --hmark-mod 4294967295;-j HMARK --hmark-dst-prefix 32 --hmark-proto-mask 0xffff --hmark-rnd 0x00000001 --hmark-mod 4294967295;OK
-j HMARK --hmark-tuple src,ct --hmark-rnd 1 --hmark-mod 10;-j HMARK --hmark-src-prefix 32 --hmark-rnd 0x00000001 --hmark-mod 10 --hmark-tuple ct;OK
-j HMARK --hmark-rnd 1 --hmark-mod 10 --hmark-tuple ct,src;-j HMARK --hmark-src-prefix 32 --hmark-rnd 0x00000001 --hmark-mod 10 --hmark-tuple ct;OK
-j HMARK --hmark-src-prefix 24 --hmark-rnd 1 --hmark-mod 10;-j HMARK --hmark-src-prefix 24 --hmark-rnd 0x00000001 --hmark-mod 10;OK
-j HMARK --hmark-src-prefix 24 --hmark-dst-prefix 16 --hmark-sport-mask 0xff00 --hmark-dport-mask 0x00ff --hmark-proto-mask 0x0f --hmark-rnd 0x12345678 --hmark-mod 8 --hmark-offset 0;=;OK
-j HMARK --hmark-src-prefix 33 --hmark-rnd 1 --hmark-mod 10;-j HMARK --hmark-src-prefix 32 --hmark-rnd 0x00000001 --hmark-mod 10;OK
-j HMARK --hmark-src-prefix 64 --hmark-rnd 1 --hmark-mod 10;-j HMARK --hmark-src-prefix 32 --hmark-rnd 0x00000001 --hmark-mod 10;OK
-j HMARK --hmark-src-prefix 0 --hmark-rnd 1 --hmark-mod 10;-j HMARK --hmark-src-prefix 0 --hmark-rnd 0x00000001 --hmark-mod 10;OK
-j HMARK --hmark-src-prefix 24 --hmark-tuple src --hmark-rnd 1 --hmark-mod 10;-j HMARK --hmark-src-prefix 32 --hmark-rnd 0x00000001 --hmark-mod 10;OK
-j HMARK --hmark-src-prefix 255.255.0.0 --hmark-rnd 1 --hmark-mod 10;-j HMARK --hmark-src-prefix 16 --hmark-rnd 0x00000001 --hmark-mod 10;OK
-j HMARK --hmark-tuple src,src --hmark-rnd 1 --hmark-mod 10;-j HMARK --hmark-src-prefix 32 --hmark-rnd 0x00000001 --hmark-mod 10;OK
-j HMARK --hmark-tuple src --hmark-rnd 1 --hmark-mod 10 --hmark-offset 4294967295;-j HMARK --hmark-src-prefix 32 --hmark-rnd 0x00000001 --hmark-mod 10 --hmark-offset 4294967295;OK
-j HMARK --hmark-tuple src --hmark-rnd 1 --hmark-mod 10 --hmark-offset 0;-j HMARK --hmark-src-prefix 32 --hmark-rnd 0x00000001 --hmark-mod 10 --hmark-offset 0;OK
