# TTL target. Checked against iptables/ip6tables v1.8.9 (nf_tables).
:PREROUTING,INPUT,FORWARD,OUTPUT,POSTROUTING
*mangle
-j TTL --ttl-set 42;=;OK
-j TTL --ttl-inc 1;=;OK
-j TTL --ttl-dec 1;=;OK
-j TTL --ttl-set 256;;FAIL
-j TTL --ttl-inc 0;;FAIL
-j TTL --ttl-dec 0;;FAIL
-j TTL --ttl-dec 1 --ttl-inc 1;;FAIL
-j TTL --ttl-set --ttl-inc 1;;FAIL
-j TTL;;FAIL
-j TTL --ttl-set 0;=;OK
-j TTL --ttl-inc 255;=;OK
-j TTL --ttl-set 0x10;-j TTL --ttl-set 16;OK
-j TTL ! --ttl-set 1;;FAIL
:INPUT
*filter
-j TTL --ttl-set 42;;FAIL
