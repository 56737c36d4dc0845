# REJECT (IPv6). Checked against ip6tables v1.8.9 (nf_tables). The default is listed explicitly.
:INPUT,FORWARD,OUTPUT
-j REJECT;-j REJECT --reject-with icmp6-port-unreachable;OK
-j REJECT --reject-with icmp6-no-route;=;OK
-j REJECT --reject-with icmp6-adm-prohibited;=;OK
-j REJECT --reject-with icmp6-addr-unreachable;=;OK
-j REJECT --reject-with icmp6-port-unreachable;=;OK
-j REJECT --reject-with icmp6-policy-fail;=;OK
-j REJECT --reject-with icmp6-reject-route;=;OK
-j REJECT --reject-with no-route;-j REJECT --reject-with icmp6-no-route;OK
-j REJECT --reject-with adm-prohibited;-j REJECT --reject-with icmp6-adm-prohibited;OK
-j REJECT --reject-with addr-unreach;-j REJECT --reject-with icmp6-addr-unreachable;OK
-j REJECT --reject-with port-unreach;-j REJECT --reject-with icmp6-port-unreachable;OK
-j REJECT --reject-with policy-fail;-j REJECT --reject-with icmp6-policy-fail;OK
-j REJECT --reject-with reject-route;-j REJECT --reject-with icmp6-reject-route;OK
-j REJECT --reject-with ICMP6-NO-ROUTE;-j REJECT --reject-with icmp6-no-route;OK
-j REJECT --reject-with icmp6;-j REJECT --reject-with icmp6-no-route;OK
-j REJECT --reject-with a;-j REJECT --reject-with icmp6-adm-prohibited;OK
-j REJECT --reject-with p;-j REJECT --reject-with icmp6-port-unreachable;OK
-p tcp -j REJECT --reject-with tcp-reset;=;OK
-p tcp -j REJECT --reject-with t;-p tcp -j REJECT --reject-with tcp-reset;OK
-p tcp -j REJECT --reject-with tcp-rst;;FAIL
-j REJECT --reject-with tcp-reset;;FAIL
-j REJECT --reject-with icmp-port-unreachable;;FAIL
-j REJECT --reject-with foo;;FAIL
*mangle
:PREROUTING,INPUT,FORWARD,OUTPUT,POSTROUTING
-j REJECT;;FAIL
