# CLASSIFY target. Checked against iptables/ip6tables v1.8.9 (nf_tables).
:FORWARD,OUTPUT,POSTROUTING
*mangle
-j CLASSIFY --set-class 0000:ffff;=;OK
-j CLASSIFY --set-class ffff:ffff;=;OK
-j CLASSIFY --set-class 1:2;-j CLASSIFY --set-class 0001:0002;OK
-j CLASSIFY --set-class 10:20;-j CLASSIFY --set-class 0010:0020;OK
-j CLASSIFY --set-class 0x10:0x20;-j CLASSIFY --set-class 0010:0020;OK
-j CLASSIFY --set-class 1:;;FAIL
-j CLASSIFY --set-class :1;;FAIL
-j CLASSIFY --set-class 1;;FAIL
-j CLASSIFY --set-class 10000:1;-j CLASSIFY --set-class 0000:0001;OK
-j CLASSIFY --set-class 1:10000;-j CLASSIFY --set-class 0001:0000;OK
-j CLASSIFY --set-class 0:0;-j CLASSIFY --set-class 0000:0000;OK
-j CLASSIFY --set-class A:b;-j CLASSIFY --set-class 000a:000b;OK
-j CLASSIFY --set-class g:1;;FAIL
-j CLASSIFY;;FAIL
:PREROUTING,INPUT
*mangle
-j CLASSIFY --set-class 1:2;;FAIL
:INPUT
*filter
-j CLASSIFY --set-class 1:2;;FAIL
:FORWARD
*filter
-j CLASSIFY --set-class 1:2;-j CLASSIFY --set-class 0001:0002;OK
