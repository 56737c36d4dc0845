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
# --map-set: mangle table only; --map-prio and --map-queue only from FORWARD, OUTPUT, POSTROUTING
*mangle
:FORWARD,OUTPUT,POSTROUTING
-j SET --map-set foo src --map-mark;=;OK
-j SET --map-set foo src,dst --map-mark --map-prio --map-queue;=;OK
-j SET --map-queue --map-set foo dst --map-prio;-j SET --map-set foo dst --map-prio --map-queue;OK
# (iptables also takes --map-mark twice; the core refuses any repeated option)
-j SET --map-set bar src --map-mark;=;OK
-j SET --add-set bar src --map-set foo dst --map-mark --exist --timeout 3;-j SET --add-set bar src --exist --timeout 3 --map-set foo dst --map-mark;OK
-j SET --del-set bar src --map-set l4 src --map-prio;=;OK
-j SET --map-set foo src;;FAIL
-j SET --map-mark;;FAIL
-j SET --add-set bar src --map-mark;;FAIL
-j SET --map-set foo src --map-mark --timeout 3;;FAIL
-j SET --map-set foo src --map-mark --exist;;FAIL
-j SET --map-set foo6 src --map-mark;;FAIL
-j SET --map-set nosuch src --map-mark;;FAIL
-j SET --map-set foo src --map-set bar dst --map-mark;;FAIL
:PREROUTING,INPUT
-j SET --map-set foo src --map-mark;=;OK
-j SET --map-set foo src --map-prio;;FAIL
-j SET --map-set foo src --map-queue;;FAIL
*filter
:FORWARD
-j SET --map-set foo src --map-mark;;FAIL
*raw
:PREROUTING
-j SET --map-set foo src --map-mark;;FAIL
