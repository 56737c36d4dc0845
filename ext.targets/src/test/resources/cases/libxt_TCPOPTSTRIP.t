# TCPOPTSTRIP target. Checked against iptables/ip6tables v1.8.9 (nf_tables).
:PREROUTING,INPUT,FORWARD,OUTPUT,POSTROUTING
*mangle
-j TCPOPTSTRIP --strip-options mss;;FAIL
-p tcp -j TCPOPTSTRIP --strip-options mss;-p tcp -j TCPOPTSTRIP --strip-options 2;OK
-p tcp -j TCPOPTSTRIP --strip-options 2;=;OK
-p tcp -j TCPOPTSTRIP --strip-options mss,wscale,sack-permitted,sack,timestamp,md5;-p tcp -j TCPOPTSTRIP --strip-options 2,3,4,5,8,19;OK
-p tcp -j TCPOPTSTRIP --strip-options 8,2,3;-p tcp -j TCPOPTSTRIP --strip-options 2,3,8;OK
-p tcp -j TCPOPTSTRIP --strip-options 255;=;OK
-p tcp -j TCPOPTSTRIP --strip-options 256;;FAIL
-p tcp -j TCPOPTSTRIP --strip-options 0;;FAIL
-p tcp -j TCPOPTSTRIP --strip-options 1;;FAIL
-p tcp -j TCPOPTSTRIP --strip-options wrong;;FAIL
-p tcp -j TCPOPTSTRIP;=;OK
-p tcp -j TCPOPTSTRIP --strip-options MSS;;FAIL
-p tcp -j TCPOPTSTRIP --strip-options 0x10;-p tcp -j TCPOPTSTRIP --strip-options 16;OK
-p tcp -j TCPOPTSTRIP --strip-options 2,2;;FAIL
-p tcp -j TCPOPTSTRIP --strip-options 2,;;FAIL
:INPUT
*filter
-p tcp -j TCPOPTSTRIP --strip-options mss;;FAIL
