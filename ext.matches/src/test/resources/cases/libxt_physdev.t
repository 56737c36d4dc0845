# physdev match. Checked against iptables/ip6tables v1.8.9 (nf_tables).
:INPUT,FORWARD
-m physdev --physdev-in lo;=;OK
-m physdev --physdev-is-in --physdev-in lo;=;OK
-m physdev ! --physdev-in lo;=;OK
-m physdev --physdev-in eth+;=;OK
-m physdev --physdev-in lo ! --physdev-is-in;-m physdev ! --physdev-is-in --physdev-in lo;OK
:FORWARD
-m physdev --physdev-out lo;=;OK
-m physdev --physdev-is-out --physdev-out lo;=;OK
:FORWARD
-m physdev --physdev-in lo --physdev-is-bridged;=;OK
-m physdev ! --physdev-is-bridged;=;OK
-m physdev --physdev-out eth1 --physdev-in eth0 --physdev-is-bridged --physdev-is-out --physdev-is-in;-m physdev --physdev-is-in --physdev-in eth0 --physdev-is-out --physdev-out eth1 --physdev-is-bridged;OK
-m physdev;;FAIL
-m physdev --physdev-in aaaaaaaaaaaaaaaa;;FAIL
-m physdev --physdev-in aaaaaaaaaaaaaaa;=;OK
:POSTROUTING
*mangle
-m physdev --physdev-out lo --physdev-is-bridged;=;OK
:OUTPUT
-m physdev --physdev-out lo;;FAIL
-m physdev --physdev-is-out;;FAIL
-m physdev ! --physdev-is-out;;FAIL
-m physdev --physdev-out lo --physdev-is-bridged;=;OK
-m physdev --physdev-out lo ! --physdev-is-bridged;;FAIL
-m physdev --physdev-in lo;=;OK
