# ebtables-nft 1.8.9 in a network namespace: dnat, snat, redirect (accepted or not, and the ebtables-save form)
:PREROUTING
*nat
-j dnat --to-dst 0:1:2:3:4:5;-j dnat --to-dst 00:01:02:03:04:05 --dnat-target ACCEPT;OK
-j dnat --to-destination 0:1:2:3:4:5 --dnat-target CONTINUE;-j dnat --to-dst 00:01:02:03:04:05 --dnat-target CONTINUE;OK
-j redirect;-j redirect ;OK
-j redirect --redirect-target DROP;=;OK
-j dnat;=;FAIL
:POSTROUTING
*nat
-j snat --to-src 0:1:2:3:4:5 --snat-arp --snat-target DROP;-j snat --to-src 00:01:02:03:04:05 --snat-arp --snat-target DROP;OK
-j snat --to-source 0:1:2:3:4:5;-j snat --to-src 00:01:02:03:04:05 --snat-target ACCEPT;OK
:INPUT
*filter
-j dnat --to-dst 0:1:2:3:4:5;=;FAIL
