# tcpmss match. Checked against iptables/ip6tables v1.8.9 (nf_tables).
:INPUT,FORWARD,OUTPUT
-m tcpmss --mss 42;;FAIL
-p tcp -m tcpmss --mss 42;=;OK
-p tcp -m tcpmss ! --mss 42;=;OK
-p tcp -m tcpmss --mss 42:12345;=;OK
-p tcp -m tcpmss --mss 42:65536;;FAIL
-p tcp -m tcpmss --mss 65535;=;OK
-p tcp -m tcpmss --mss 0:65535;=;OK
-p tcp -m tcpmss --mss :;-p tcp -m tcpmss --mss 0:65535;OK
-p tcp -m tcpmss --mss 4:;-p tcp -m tcpmss --mss 4:65535;OK
-p tcp -m tcpmss --mss :4;-p tcp -m tcpmss --mss 0:4;OK
-p tcp -m tcpmss --mss 5:4;;FAIL
-p tcp -m tcpmss --mss 4:4;-p tcp -m tcpmss --mss 4;OK
-p tcp -m tcpmss;;FAIL
-p tcp -m tcpmss --mss 0x10;-p tcp -m tcpmss --mss 16;OK
-p udp -m tcpmss --mss 42;;FAIL
