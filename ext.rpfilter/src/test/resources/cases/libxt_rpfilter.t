# rpfilter match. Checked against iptables/ip6tables v1.8.9 (nf_tables): the kernel allows it only in
# the raw and mangle tables and only in PREROUTING (chains reached from elsewhere are refused).
:PREROUTING
*mangle
-m rpfilter;=;OK
-m rpfilter --loose --validmark --accept-local --invert;=;OK
-m rpfilter --invert --loose;-m rpfilter --loose --invert;OK
-m rpfilter --accept-local --validmark;-m rpfilter --validmark --accept-local;OK
-m rpfilter ! --loose;;FAIL
-m rpfilter ! --invert;;FAIL
-m rpfilter --loose --loose;;FAIL
-m rpfilter --strict;;FAIL
-m rpfilter --loose 1;;FAIL
*raw
-m rpfilter;=;OK
-m rpfilter --invert;=;OK
-m rpfilter --accept-local;=;OK
:INPUT,FORWARD,OUTPUT,POSTROUTING
*mangle
-m rpfilter;;FAIL
:OUTPUT
*raw
-m rpfilter;;FAIL
:INPUT,FORWARD,OUTPUT
*filter
-m rpfilter;;FAIL
:PREROUTING
*nat
-m rpfilter;;FAIL
