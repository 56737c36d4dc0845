# NFLOG target. Checked against iptables/ip6tables v1.8.9 (nf_tables).
:INPUT,FORWARD,OUTPUT
-j NFLOG --nflog-group 1;=;OK
-j NFLOG --nflog-group 65535;=;OK
-j NFLOG --nflog-group 65536;;FAIL
-j NFLOG --nflog-group 0;-j NFLOG;OK
-j NFLOG --nflog-range 1;-j NFLOG;OK
-j NFLOG --nflog-range 4294967295;-j NFLOG;OK
-j NFLOG --nflog-range 4294967296;;FAIL
-j NFLOG --nflog-range -1;;FAIL
-j NFLOG --nflog-size 0;=;OK
-j NFLOG --nflog-size 1;=;OK
-j NFLOG --nflog-size 4294967295;=;OK
-j NFLOG --nflog-size 4294967296;;FAIL
-j NFLOG --nflog-size -1;;FAIL
-j NFLOG --nflog-prefix xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx;=;OK
-j NFLOG --nflog-prefix xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx;=;OK
-j NFLOG --nflog-threshold 1;=;OK
-j NFLOG --nflog-threshold 0;-j NFLOG;OK
-j NFLOG --nflog-threshold 65535;=;OK
-j NFLOG --nflog-threshold 65536;;FAIL
-j NFLOG;=;OK
-j NFLOG --nflog-prefix "a b";=;OK
-j NFLOG --nflog-prefix ab;=;OK
-j NFLOG --nflog-prefix "";;FAIL
-j NFLOG --nflog-threshold 5 --nflog-size 10 --nflog-prefix p --nflog-group 3;-j NFLOG --nflog-prefix p --nflog-group 3 --nflog-size 10 --nflog-threshold 5;OK
-j NFLOG --nflog-group 0x10;-j NFLOG --nflog-group 16;OK
-j NFLOG --nflog-prefix 'a"b';-j NFLOG --nflog-prefix "a\"b";OK
-j NFLOG --nflog-group 1 --nflog-range 5;-j NFLOG --nflog-group 1;OK
-j NFLOG --nflog-threshold 1 --nflog-size 0;-j NFLOG --nflog-size 0 --nflog-threshold 1;OK
-j NFLOG --nflog-prefix yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy;-j NFLOG --nflog-prefix yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy;OK

# Upstream iptables test cases (extensions/*.t) missing here before the audit; expected results
# checked against the real iptables/ip6tables/arptables 1.8.9 (nf_tables), which wins where upstream differs.
*filter
:INPUT,FORWARD,OUTPUT
-j NFLOG --nflog-prefix xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx;=;OK
