# CONNMARK target, checked against iptables 1.8.9 (nf_tables)
:PREROUTING,INPUT,FORWARD,OUTPUT,POSTROUTING
*mangle
-j CONNMARK --set-mark 5;-j CONNMARK --set-xmark 0x5/0xffffffff;OK
-j CONNMARK --set-mark 5/0xff;-j CONNMARK --set-xmark 0x5/0xff;OK
-j CONNMARK --set-xmark 5/0xff;-j CONNMARK --set-xmark 0x5/0xff;OK
-j CONNMARK --and-mark 0xf;-j CONNMARK --set-xmark 0x0/0xfffffff0;OK
-j CONNMARK --or-mark 0xf;-j CONNMARK --set-xmark 0xf/0xf;OK
-j CONNMARK --xor-mark 0xf;-j CONNMARK --set-xmark 0xf/0x0;OK
-j CONNMARK --save-mark;-j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff;OK
-j CONNMARK --restore-mark;-j CONNMARK --restore-mark --nfmask 0xffffffff --ctmask 0xffffffff;OK
-j CONNMARK --save-mark --mask 0xff;-j CONNMARK --save-mark --nfmask 0xff --ctmask 0xff;OK
-j CONNMARK --restore-mark --mask 0xff;-j CONNMARK --restore-mark --nfmask 0xff --ctmask 0xff;OK
-j CONNMARK --save-mark --nfmask 0xf0 --ctmask 0xff;=;OK
-j CONNMARK;;FAIL
-j CONNMARK --save-mark --restore-mark;;FAIL
-j CONNMARK --set-mark 1 --save-mark;;FAIL

# Upstream iptables test cases (extensions/*.t) missing here before the audit; expected results
# checked against the real iptables/ip6tables/arptables 1.8.9 (nf_tables), which wins where upstream differs.
*mangle
:PREROUTING,FORWARD,OUTPUT,POSTROUTING
-j CONNMARK --save-mark --nfmask 0xfffffff --ctmask 0xffffffff;=;OK
-j CONNMARK --restore-mark --nfmask 0xfffffff --ctmask 0xffffffff;=;OK
