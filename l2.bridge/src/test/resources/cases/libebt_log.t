# ebtables-nft 1.8.9 in a network namespace, for each case of iptables' extensions/libebt_log.t: what it accepts and how ebtables-save lists it
:INPUT,FORWARD,OUTPUT
--log;--log-level notice -j CONTINUE;OK
--log-level crit;--log-level crit -j CONTINUE;OK
--log-level 1;--log-level alert -j CONTINUE;OK
--log-level emerg --log-ip --log-arp --log-ip6;--log-level emerg --log-ip --log-arp --log-ip6 -j CONTINUE;OK
--log-level crit --log-ip --log-arp --log-ip6 --log-prefix foo;--log-level crit --log-prefix "foo" --log-ip --log-arp --log-ip6 -j CONTINUE;OK
