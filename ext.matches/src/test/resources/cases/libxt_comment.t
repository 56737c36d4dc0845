# comment match. Checked against iptables/ip6tables v1.8.9 (nf_tables). Quoted on save like iptables.
:INPUT,FORWARD,OUTPUT
-m comment;;FAIL
-m comment --comment;;FAIL
-m comment --comment a --comment b;;FAIL
-p tcp -m tcp --dport 22 -m comment --comment foo;=;OK
-m comment --comment foo;=;OK
-m comment --comment "foo bar";=;OK
-m comment --comment "a\"b";=;OK
-m comment --comment "it's";-m comment --comment "it\'s";OK
-m comment --comment "";=;OK
-m comment --comment "x-y_z.1";=;OK
-m comment --comment 'a$b';-m comment --comment "a$b";OK
-m comment --comment "a\\b";=;OK
-m comment --comment "a,b";=;OK
-m comment --comment "ä";=;OK
# 255 characters are the most the kernel keeps
-m comment --comment xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx;=;OK

# Upstream iptables test cases (extensions/*.t) missing here before the audit; expected results
# checked against the real iptables/ip6tables/arptables 1.8.9 (nf_tables), which wins where upstream differs.
*filter
:INPUT,FORWARD,OUTPUT
-p tcp -m comment --comment foo -m tcp --dport 22;=;OK
