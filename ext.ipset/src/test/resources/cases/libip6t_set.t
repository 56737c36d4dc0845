# set match with ip6tables 1.8.9 (nf_tables); sets as in libipt_set.t.
:INPUT,FORWARD,OUTPUT
-m set --match-set foo6 src;=;OK
-m set ! --match-set foo6 dst --return-nomatch;=;OK
-m set --match-set l4 src;=;OK
-m set --match-set foo src;;FAIL
