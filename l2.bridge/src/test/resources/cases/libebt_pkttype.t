# ebtables-nft 1.8.9 in a network namespace, for each case of iptables' extensions/libebt_pkttype.t: what it accepts and how ebtables-save lists it
:INPUT,FORWARD,OUTPUT
--pkttype-type ! host;--pkttype-type ! host -j CONTINUE;OK
--pkttype-type host;--pkttype-type host -j CONTINUE;OK
! --pkttype-type host;--pkttype-type ! host -j CONTINUE;OK
--pkttype-type broadcast;--pkttype-type broadcast -j CONTINUE;OK
! --pkttype-type broadcast;--pkttype-type ! broadcast -j CONTINUE;OK
--pkttype-type multicast;--pkttype-type multicast -j CONTINUE;OK
! --pkttype-type multicast;--pkttype-type ! multicast -j CONTINUE;OK
--pkttype-type otherhost;--pkttype-type otherhost -j CONTINUE;OK
! --pkttype-type otherhost;--pkttype-type ! otherhost -j CONTINUE;OK
--pkttype-type outgoing;--pkttype-type outgoing -j CONTINUE;OK
! --pkttype-type outgoing;--pkttype-type ! outgoing -j CONTINUE;OK
--pkttype-type loopback;--pkttype-type loopback -j CONTINUE;OK
! --pkttype-type loopback;--pkttype-type ! loopback -j CONTINUE;OK
