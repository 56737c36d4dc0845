# hl match. Checked against iptables/ip6tables v1.8.9 (nf_tables).
:INPUT,FORWARD,OUTPUT
-m hl;;FAIL
-m hl --hl-eq 42;=;OK
-m hl ! --hl-eq 42;=;OK
-m hl --hl-lt 42;=;OK
-m hl --hl-gt 42;=;OK
-m hl ! --hl-lt 42;;FAIL
-m hl ! --hl-gt 42;;FAIL
-m hl --hl-gt 42 --hl-eq 42;;FAIL
-m hl --hl-gt;;FAIL
-m hl --hl-eq 256;;FAIL
-m hl --hl 5;-m hl --hl-eq 5;OK
-m hl --hl-eq 0x10;-m hl --hl-eq 16;OK
