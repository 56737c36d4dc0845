# ebtables-nft 1.8.9 in a network namespace, for each case of iptables' extensions/libebt_standard.t: what it accepts and how ebtables-save lists it
:INPUT,FORWARD,OUTPUT
-d de:ad:be:ef:00:00;-d de:ad:be:ef:00:00 -j CONTINUE;OK
-s 0:0:0:0:0:0;-s 00:00:00:00:00:00 -j CONTINUE;OK
-d 00:00:00:00:00:00;-d 00:00:00:00:00:00 -j CONTINUE;OK
-s de:ad:be:ef:0:00 -j RETURN;-s de:ad:be:ef:00:00 -j RETURN;OK
-d de:ad:be:ef:00:00 -j CONTINUE;=;OK
-d de:ad:be:ef:0:00/ff:ff:ff:ff:0:0 -j DROP;-d de:ad:be:ef:00:00/ff:ff:ff:ff:00:00 -j DROP;OK
-p ARP -j ACCEPT;=;OK
! -p ARP -j ACCEPT;-p ! ARP -j ACCEPT;OK
-p ! ARP -j ACCEPT;=;OK
-p 0 -j ACCEPT;=;FAIL
-p ! 0 -j ACCEPT;=;FAIL
:INPUT
-i foobar;-i foobar -j CONTINUE;OK
-o foobar;=;FAIL
-i + -d 00:0f:ee:d0:ba:be;-d 00:0f:ee:d0:ba:be -j CONTINUE;OK
-i + -p ip;-p IPv4 -j CONTINUE;OK
:FORWARD
-i foobar;-i foobar -j CONTINUE;OK
-o foobar;-o foobar -j CONTINUE;OK
:OUTPUT
-i foobar;=;FAIL
-o foobar;-o foobar -j CONTINUE;OK
:PREROUTING
*nat
-i foobar;-i foobar -j CONTINUE;OK
-o foobar;=;FAIL
:POSTROUTING
*nat
-i foobar;=;FAIL
-o foobar;-o foobar -j CONTINUE;OK
