# REJECT (IPv4). Checked against iptables v1.8.9 (nf_tables). The default is listed explicitly.
:INPUT,FORWARD,OUTPUT
-j REJECT;-j REJECT --reject-with icmp-port-unreachable;OK
-j REJECT --reject-with icmp-net-unreachable;=;OK
-j REJECT --reject-with icmp-host-unreachable;=;OK
-j REJECT --reject-with icmp-port-unreachable;=;OK
-j REJECT --reject-with icmp-proto-unreachable;=;OK
-j REJECT --reject-with icmp-net-prohibited;=;OK
-j REJECT --reject-with icmp-host-prohibited;=;OK
-j REJECT --reject-with icmp-admin-prohibited;=;OK
-j REJECT --reject-with net-unreach;-j REJECT --reject-with icmp-net-unreachable;OK
-j REJECT --reject-with host-unreach;-j REJECT --reject-with icmp-host-unreachable;OK
-j REJECT --reject-with port-unreach;-j REJECT --reject-with icmp-port-unreachable;OK
-j REJECT --reject-with proto-unreach;-j REJECT --reject-with icmp-proto-unreachable;OK
-j REJECT --reject-with net-prohib;-j REJECT --reject-with icmp-net-prohibited;OK
-j REJECT --reject-with host-prohib;-j REJECT --reject-with icmp-host-prohibited;OK
-j REJECT --reject-with admin-prohib;-j REJECT --reject-with icmp-admin-prohibited;OK
-j REJECT --reject-with ICMP-NET-UNREACHABLE;-j REJECT --reject-with icmp-net-unreachable;OK
# a prefix selects the first entry of the table it begins
-j REJECT --reject-with icmp-net;-j REJECT --reject-with icmp-net-unreachable;OK
-j REJECT --reject-with icmp-p;-j REJECT --reject-with icmp-proto-unreachable;OK
-j REJECT --reject-with h;-j REJECT --reject-with icmp-host-unreachable;OK
-j REJECT --reject-with a;-j REJECT --reject-with icmp-admin-prohibited;OK
-p tcp -j REJECT --reject-with tcp-reset;=;OK
-p tcp -j REJECT --reject-with tcp-rst;-p tcp -j REJECT --reject-with tcp-reset;OK
-p tcp -j REJECT --reject-with t;-p tcp -j REJECT --reject-with tcp-reset;OK
-j REJECT --reject-with tcp-reset;;FAIL
-p udp -j REJECT --reject-with tcp-reset;;FAIL
! -p tcp -j REJECT --reject-with tcp-reset;;FAIL
-j REJECT --reject-with icmp-echo-reply;;FAIL
-j REJECT --reject-with icmp-port-unreachablex;;FAIL
-j REJECT --reject-with icmp6-no-route;;FAIL
-j REJECT --reject-with foo;;FAIL
-j REJECT --reject-with;;FAIL
*mangle
:PREROUTING,INPUT,FORWARD,OUTPUT,POSTROUTING
-j REJECT;;FAIL
