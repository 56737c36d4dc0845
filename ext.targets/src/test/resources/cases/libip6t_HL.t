# HL target. Checked against iptables/ip6tables v1.8.9 (nf_tables).
:PREROUTING,INPUT,FORWARD,OUTPUT,POSTROUTING
*mangle
-j HL --hl-set 42;=;OK
-j HL --hl-inc 1;=;OK
-j HL --hl-dec 1;=;OK
-j HL --hl-set 256;;FAIL
-j HL --hl-inc 0;;FAIL
-j HL --hl-dec 0;;FAIL
-j HL --hl-dec 1 --hl-inc 1;;FAIL
-j HL --hl-set --hl-inc 1;;FAIL
-j HL;;FAIL
-j HL --hl-set 0;=;OK
-j HL --hl-inc 255;=;OK
-j HL --hl-set 0x10;-j HL --hl-set 16;OK
-j HL ! --hl-set 1;;FAIL
:INPUT
*filter
-j HL --hl-set 42;;FAIL
