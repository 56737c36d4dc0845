# SET target with ip6tables 1.8.9 (nf_tables); sets as in libipt_set.t.
:INPUT,FORWARD,OUTPUT
-j SET --add-set foo6 src --exist;=;OK
-j SET --del-set l4 dst;=;OK
-j SET --add-set foo src;;FAIL
*mangle
:FORWARD
-j SET --map-set foo6 src --map-mark --map-prio;=;OK
-j SET --map-set foo src --map-mark;;FAIL
