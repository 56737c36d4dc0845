# iprange match. Checked against iptables/ip6tables v1.8.9 (nf_tables).
:INPUT,FORWARD,OUTPUT
-m iprange --src-range 2001:db8::1-2001:db8::10;=;OK
-m iprange ! --src-range 2001:db8::1-2001:db8::10;=;OK
-m iprange --dst-range 2001:db8::1-2001:db8::10;=;OK
-m iprange ! --dst-range 2001:db8::1-2001:db8::10;=;OK
-m iprange --src-range 2001:db8::1;-m iprange --src-range 2001:db8::1-2001:db8::1;OK
-m iprange --src-range 2001:DB8:0:0:0:0:0:1-2001:db8::0:10;-m iprange --src-range 2001:db8::1-2001:db8::10;OK
-m iprange --src-range ::ffff:1.2.3.4-::ffff:1.2.3.5;=;OK
-m iprange --src-range ::-::1;=;OK
-m iprange --dst-range 2001:db8:0:1:0:0:0:1-2001:db8:0:0:1::1;-m iprange --dst-range 2001:db8:0:1::1-2001:db8::1:0:0:1;OK
-m iprange --src-range 1.1.1.1-1.1.1.10;;FAIL
-m iprange --src-range 2001:db8::10-2001:db8::1;=;OK
