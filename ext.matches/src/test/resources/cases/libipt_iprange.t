# iprange match. Checked against iptables/ip6tables v1.8.9 (nf_tables).
:INPUT,FORWARD,OUTPUT
-m iprange --src-range 1.1.1.1-1.1.1.10;=;OK
-m iprange ! --src-range 1.1.1.1-1.1.1.10;=;OK
-m iprange --dst-range 1.1.1.1-1.1.1.10;=;OK
-m iprange ! --dst-range 1.1.1.1-1.1.1.10;=;OK
-m iprange --dst-range 1.1.1.1-1.1.1.10 --src-range 10.0.0.0-10.255.255.255;-m iprange --src-range 10.0.0.0-10.255.255.255 --dst-range 1.1.1.1-1.1.1.10;OK
-m iprange ! --dst-range 1.1.1.1-1.1.1.10 ! --src-range 10.0.0.0-10.255.255.255;-m iprange ! --src-range 10.0.0.0-10.255.255.255 ! --dst-range 1.1.1.1-1.1.1.10;OK
-m iprange --src-range 1.1.1.1;-m iprange --src-range 1.1.1.1-1.1.1.1;OK
-m iprange --src-range 1.1.1.10-1.1.1.1;=;OK
-m iprange --src-range 1.1.1.1-1.1.1.300;;FAIL
-m iprange --src-range 1.1.1-1.1.1.3;-m iprange --src-range 1.1.1.0-1.1.1.3;OK
-m iprange --src-range 1.1.1.1-;;FAIL
-m iprange --src-range 2001:db8::1-2001:db8::10;;FAIL
-m iprange --src-range 010.1.1.1-10.1.1.2;-m iprange --src-range 8.1.1.1-10.1.1.2;OK
-m iprange --src-range 0.0.0.0-255.255.255.255;=;OK
