# HMARK target. Checked against iptables/ip6tables v1.8.9 (nf_tables).
:PREROUTING,INPUT,FORWARD,OUTPUT,POSTROUTING
*mangle
-j HMARK --hmark-tuple sport --hmark-rnd 1 --hmark-mod 0;;FAIL
-j HMARK --hmark-tuple spi --hmark-rnd 1 --hmark-mod 5;-j HMARK --hmark-spi-mask 0xffffffff --hmark-rnd 0x00000001 --hmark-mod 5;OK
-j HMARK --hmark-tuple src --hmark-rnd 1;;FAIL
-j HMARK --hmark-tuple src --hmark-mod 1;;FAIL
-j HMARK --hmark-rnd 1 --hmark-mod 10;;FAIL
-j HMARK --hmark-tuple ct --hmark-rnd 1 --hmark-mod 10;-j HMARK --hmark-rnd 0x00000001 --hmark-mod 10 --hmark-tuple ct;OK
-j HMARK --hmark-spi-mask 0x1234 --hmark-rnd 1 --hmark-mod 10;-j HMARK --hmark-spi-mask 0x00001234 --hmark-rnd 0x00000001 --hmark-mod 10;OK
-j HMARK --hmark-tuple src,foo --hmark-rnd 1 --hmark-mod 10;;FAIL
-j HMARK --hmark-tuple src --hmark-rnd 4294967296 --hmark-mod 10;;FAIL
-j HMARK --hmark-tuple src --hmark-rnd 1 --hmark-mod 10 --hmark-tuple dst;;FAIL
-j HMARK --hmark-tuple dport --hmark-sport-mask 0xffff --hmark-rnd 1 --hmark-mod 10;-j HMARK --hmark-sport-mask 0xffff --hmark-dport-mask 0xffff --hmark-rnd 0x00000001 --hmark-mod 10;OK
-j HMARK --hmark-tuple proto,spi --hmark-rnd 1 --hmark-mod 10;-j HMARK --hmark-spi-mask 0xffffffff --hmark-proto-mask 0xffff --hmark-rnd 0x00000001 --hmark-mod 10;OK
-j HMARK --hmark-tuple sport,dport --hmark-rnd 1 --hmark-mod 10;-j HMARK --hmark-sport-mask 0xffff --hmark-dport-mask 0xffff --hmark-rnd 0x00000001 --hmark-mod 10;OK
-j HMARK --hmark-sport-mask 0 --hmark-rnd 1 --hmark-mod 10;-j HMARK --hmark-sport-mask 0x0000 --hmark-rnd 0x00000001 --hmark-mod 10;OK
-j HMARK --hmark-tuple spi,sport,dport --hmark-rnd 1 --hmark-mod 10;;FAIL
-j HMARK --hmark-proto-mask 0x1ff --hmark-rnd 1 --hmark-mod 10;-j HMARK --hmark-proto-mask 0x1ff --hmark-rnd 0x00000001 --hmark-mod 10;OK
-j HMARK --hmark-proto-mask 0xff --hmark-rnd 1 --hmark-mod 10;-j HMARK --hmark-proto-mask 0xff --hmark-rnd 0x00000001 --hmark-mod 10;OK
-j HMARK --hmark-proto-mask 0x10000 --hmark-rnd 1 --hmark-mod 10;;FAIL
-j HMARK --hmark-sport-mask 0x10000 --hmark-rnd 1 --hmark-mod 10;;FAIL
-j HMARK --hmark-tuple sport --hmark-rnd 0xabcdef012 --hmark-mod 10;;FAIL
-j HMARK --hmark-tuple sport --hmark-rnd 0xabcdef01 --hmark-mod 10 --hmark-offset 5;-j HMARK --hmark-sport-mask 0xffff --hmark-rnd 0xabcdef01 --hmark-mod 10 --hmark-offset 5;OK
-j HMARK --hmark-tuple dport --hmark-rnd 7 --hmark-mod 10;-j HMARK --hmark-dport-mask 0xffff --hmark-rnd 0x00000007 --hmark-mod 10;OK
