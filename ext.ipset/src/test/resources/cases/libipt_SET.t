# SET target, iptables 1.8.9 (nf_tables); sets as in libipt_set.t.
:INPUT,FORWARD,OUTPUT
-j SET --add-set foo src;=;OK
-j SET --add-set foo src,dst --exist --timeout 5;=;OK
-j SET --del-set foo src,dst;=;OK
-j SET --add-set foo src --del-set bar dst;=;OK
-j SET --add-set foo src --timeout 0;=;OK
-j SET --add-set bar src --exist;=;OK
-j SET --timeout 5 --add-set foo src;-j SET --add-set foo src --timeout 5;OK
-j SET --del-set bar dst --add-set foo src --timeout 7 --exist;-j SET --add-set foo src --exist --timeout 7 --del-set bar dst;OK
-j SET --add-set foo src,src,dst;=;OK
-j SET --add-set foo src --timeout 4294967294;=;OK
-j SET --add-set foo src --timeout 4294967295;;FAIL
-j SET --add-set foo src --timeout -1;;FAIL
-j SET --del-set bar dst --exist;;FAIL
-j SET --del-set bar dst --timeout 4;;FAIL
-j SET --add-set nosuch src;;FAIL
-j SET --add-set foo6 src;;FAIL
-j SET --exist;;FAIL
-j SET;;FAIL
