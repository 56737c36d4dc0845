# ebtables-nft 1.8.9 in a network namespace, for each case of iptables' extensions/libebt_ip.t: what it accepts and how ebtables-save lists it
:INPUT,FORWARD,OUTPUT
-p ip ! --ip-src 192.168.0.0/24 -j ACCEPT;-p IPv4 --ip-src ! 192.168.0.0/24 -j ACCEPT;OK
-p IPv4 --ip-dst 10.0.0.1;-p IPv4 --ip-dst 10.0.0.1 -j CONTINUE;OK
-p IPv4 ! --ip-dst 10.0.0.1;-p IPv4 --ip-dst ! 10.0.0.1 -j CONTINUE;OK
-p IPv4 --ip-tos 0xFF;-p IPv4 --ip-tos 0xFF -j CONTINUE;OK
-p IPv4 ! --ip-tos 0xFF;-p IPv4 --ip-tos ! 0xFF -j CONTINUE;OK
-p IPv4 --ip-proto tcp --ip-dport 22;-p IPv4 --ip-proto tcp --ip-dport 22 -j CONTINUE;OK
-p IPv4 --ip-proto udp --ip-sport 1024:65535;-p IPv4 --ip-proto udp --ip-sport 1024:65535 -j CONTINUE;OK
-p IPv4 --ip-proto udp --ip-sport :;-p IPv4 --ip-proto udp --ip-sport 0:65535 -j CONTINUE;OK
-p IPv4 --ip-proto udp --ip-sport :4;-p IPv4 --ip-proto udp --ip-sport 0:4 -j CONTINUE;OK
-p IPv4 --ip-proto udp --ip-sport 4:;-p IPv4 --ip-proto udp --ip-sport 4:65535 -j CONTINUE;OK
-p IPv4 --ip-proto udp --ip-sport 3:4;-p IPv4 --ip-proto udp --ip-sport 3:4 -j CONTINUE;OK
-p IPv4 --ip-proto udp --ip-sport 4:4;-p IPv4 --ip-proto udp --ip-sport 4 -j CONTINUE;OK
-p IPv4 --ip-proto udp --ip-sport 4:3;=;FAIL
-p IPv4 --ip-proto udp --ip-dport :;-p IPv4 --ip-proto udp --ip-dport 0:65535 -j CONTINUE;OK
-p IPv4 --ip-proto udp --ip-dport :4;-p IPv4 --ip-proto udp --ip-dport 0:4 -j CONTINUE;OK
-p IPv4 --ip-proto udp --ip-dport 4:;-p IPv4 --ip-proto udp --ip-dport 4:65535 -j CONTINUE;OK
-p IPv4 --ip-proto udp --ip-dport 3:4;-p IPv4 --ip-proto udp --ip-dport 3:4 -j CONTINUE;OK
-p IPv4 --ip-proto udp --ip-dport 4:4;-p IPv4 --ip-proto udp --ip-dport 4 -j CONTINUE;OK
-p IPv4 --ip-proto udp --ip-dport 4:3;=;FAIL
-p IPv4 --ip-proto 253;-p IPv4 --ip-proto 253 -j CONTINUE;OK
-p IPv4 ! --ip-proto 253;-p IPv4 --ip-proto ! 253 -j CONTINUE;OK
-p IPv4 --ip-proto icmp --ip-icmp-type echo-request;-p IPv4 --ip-proto icmp --ip-icmp-type echo-request -j CONTINUE;OK
-p IPv4 --ip-proto icmp --ip-icmp-type 1/1;-p IPv4 --ip-proto icmp --ip-icmp-type 1/1 -j CONTINUE;OK
-p ip --ip-protocol icmp ! --ip-icmp-type 1:10;-p IPv4 --ip-proto icmp --ip-icmp-type ! 1:10/0:255 -j CONTINUE;OK
--ip-proto icmp --ip-icmp-type 1/1;=;FAIL
! -p ip --ip-proto icmp --ip-icmp-type 1/1;=;FAIL
! -p ip --ip-proto tcp --ip-sport 22 --ip-icmp-type echo-reply;=;FAIL
! -p ip --ip-proto tcp --ip-sport 22 --ip-igmp-type membership-query;=;FAIL
! -p ip --ip-proto tcp --ip-dport 22 --ip-icmp-type echo-reply;=;FAIL
! -p ip --ip-proto tcp --ip-dport 22 --ip-igmp-type membership-query;=;FAIL
! -p ip --ip-proto icmp --ip-icmp-type echo-reply --ip-igmp-type membership-query;=;FAIL
-p IPv4 --ip-proto icmp ! --ip-icmp-type echo-reply;-p IPv4 --ip-proto icmp --ip-icmp-type ! echo-reply -j CONTINUE;OK
