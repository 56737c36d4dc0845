# mac match. Checked against iptables/ip6tables v1.8.9 (nf_tables). Listed in lower case.
:INPUT,FORWARD
-m mac --mac-source 42:01:02:03:04:05;=;OK
-m mac ! --mac-source 42:01:02:03:04:05;=;OK
-m mac --mac-source aa:bb:cc:dd:ee:ff;=;OK
-m mac --mac-source AA:BB:CC:DD:EE:0F;-m mac --mac-source aa:bb:cc:dd:ee:0f;OK
-m mac --mac-source 42:1:2:3:4:5;-m mac --mac-source 42:01:02:03:04:05;OK
-m mac --mac-source 42:01:02:03:04;=;FAIL
-m mac --mac-source 42:01:02:03:04:05:06;=;FAIL
-m mac --mac-source 42-01-02-03-04-05;;FAIL
-m mac --mac-source 420:01:02:03:04:05;;FAIL
-m mac --mac-source gg:01:02:03:04:05;;FAIL
-m mac;;FAIL
*mangle
:PREROUTING
-m mac --mac-source 42:01:02:03:04:05;=;OK
:OUTPUT,POSTROUTING
-m mac --mac-source 42:01:02:03:04:05;;FAIL
