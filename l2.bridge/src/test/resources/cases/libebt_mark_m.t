# ebtables-nft 1.8.9 in a network namespace, for each case of iptables' extensions/libebt_mark_m.t: what it accepts and how ebtables-save lists it
:INPUT,FORWARD,OUTPUT
--mark 42;--mark 0x2a -j CONTINUE;OK
! --mark 42;--mark ! 0x2a -j CONTINUE;OK
--mark 42/0xff;--mark 0x2a/0xff -j CONTINUE;OK
! --mark 0x1/0xff;--mark ! 0x1/0xff -j CONTINUE;OK
--mark /0x2;--mark /0x2 -j CONTINUE;OK
