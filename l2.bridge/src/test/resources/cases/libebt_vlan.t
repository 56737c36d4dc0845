# ebtables-nft 1.8.9 in a network namespace, for each case of iptables' extensions/libebt_vlan.t: what it accepts and how ebtables-save lists it
:INPUT,FORWARD,OUTPUT
-p 802_1Q --vlan-id 42;-p 802_1Q --vlan-id 42 -j CONTINUE;OK
-p 802_1Q ! --vlan-id 42;-p 802_1Q --vlan-id ! 42 -j CONTINUE;OK
-p 802_1Q --vlan-prio 1;-p 802_1Q --vlan-prio 1 -j CONTINUE;OK
-p 802_1Q ! --vlan-prio 1;-p 802_1Q --vlan-prio ! 1 -j CONTINUE;OK
-p 802_1Q --vlan-encap ip;-p 802_1Q --vlan-encap 0800 -j CONTINUE;OK
-p 802_1Q --vlan-encap 0800;-p 802_1Q --vlan-encap 0800 -j CONTINUE;OK
-p 802_1Q ! --vlan-encap 0800;-p 802_1Q --vlan-encap ! 0800 -j CONTINUE;OK
-p 802_1Q --vlan-encap IPv6 --vlan-id ! 1;-p 802_1Q --vlan-id ! 1 --vlan-encap 86DD -j CONTINUE;OK
-p 802_1Q ! --vlan-id 1 --vlan-encap 86DD;-p 802_1Q --vlan-id ! 1 --vlan-encap 86DD -j CONTINUE;OK
--vlan-encap ip;=;FAIL
--vlan-id 2;=;FAIL
--vlan-prio 1;=;FAIL
