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
-j CT --zone 0;-j CT;OK
-j CT --zone 5;=;OK
-j CT --zone 65535;=;OK
-p tcp -j CT --zone 3 --helper ftp;-p tcp -j CT --helper ftp --zone 3;OK
-j CT --ctevents new,related,destroy,reply,assured,protoinfo,helper,mark;=;OK
-j CT --ctevents destroy,new;-j CT --ctevents new,destroy;OK
-j CT --ctevents natseqinfo,secmark;=;OK
-j CT --ctevents label;;FAIL
-j CT --ctevents bogus;;FAIL
-j CT --ctevents new --zone 2;=;OK
-j CT --notrack --ctevents new;=;OK

# Not here yet (the audit against iptables 1.8.9 found it missing): 1.8.9 accepts and lists as written
# -j CT --expevents new, but pkttables has no expectation events yet and refuses it.
-j CT --expevents new;=;OK
-j CT --expevents destroy;;FAIL
-j CT --expevents new,new;-j CT --expevents new;OK
-p tcp -j CT --helper ftp --expevents new;=;OK
-j CT --ctevents new --expevents new --zone 1;=;OK
