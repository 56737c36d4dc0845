# CT target (raw table only), checked against iptables 1.8.9 (nf_tables)
:PREROUTING,OUTPUT
*raw
-j CT --notrack;=;OK
-j CT;=;OK
-j CT --zone 65536;;FAIL
-j CT --zone -1;;FAIL
-p tcp -j CT --helper ftp;=;OK
-p udp -j CT --helper tftp;=;OK
-j CT --helper ftp;;FAIL
-j CT --notrack --helper ftp;=;OK
