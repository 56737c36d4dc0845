# TCPMSS target. Checked against iptables/ip6tables v1.8.9 (nf_tables).
:FORWARD,OUTPUT,POSTROUTING
*mangle
-j TCPMSS --set-mss 42;;FAIL
-p tcp -j TCPMSS --set-mss 42;=;OK
-p tcp --syn -j TCPMSS --set-mss 42;-p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -j TCPMSS --set-mss 42;OK
-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 42;=;OK
-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu;=;OK
-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 65535;;FAIL
-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 65536;;FAIL
-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 0;=;OK
-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS;;FAIL
-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 42 --clamp-mss-to-pmtu;-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu;OK
-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 0x10;-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 16;OK
:PREROUTING,INPUT
*mangle
-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 42;=;OK
-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu;;FAIL
:FORWARD,INPUT
*filter
-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 42;=;OK
-p tcp ! --syn -j TCPMSS --set-mss 42;-p tcp -m tcp ! --tcp-flags FIN,SYN,RST,ACK SYN -j TCPMSS --set-mss 42;OK
:FORWARD
*mangle
-p tcp -j TCPMSS --clamp-mss-to-pmtu --set-mss 42;-p tcp -j TCPMSS --set-mss 42;OK
-p tcp -j TCPMSS --set-mss 42 --clamp-mss-to-pmtu;-p tcp -j TCPMSS --clamp-mss-to-pmtu;OK
