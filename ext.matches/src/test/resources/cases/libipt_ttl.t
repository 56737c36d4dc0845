# ttl match. Checked against iptables/ip6tables v1.8.9 (nf_tables).
:INPUT,FORWARD,OUTPUT
-m ttl --ttl-eq 0;=;OK
-m ttl --ttl-eq 255;=;OK
-m ttl ! --ttl-eq 0;=;OK
-m ttl ! --ttl-eq 255;=;OK
-m ttl --ttl-gt 0;=;OK
-m ttl --ttl-gt 255;=;OK
-m ttl --ttl-lt 0;=;OK
-m ttl --ttl-lt 5;=;OK
-m ttl ! --ttl-lt 5;;FAIL
-m ttl ! --ttl-gt 5;;FAIL
-m ttl --ttl-eq 256;;FAIL
-m ttl --ttl-eq -1;;FAIL
-m ttl;;FAIL
-m ttl --ttl 5;-m ttl --ttl-eq 5;OK
-m ttl --ttl-eq 5 --ttl-gt 3;;FAIL
-m ttl --ttl-eq 0x10;-m ttl --ttl-eq 16;OK
