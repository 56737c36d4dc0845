# ebtables-nft 1.8.9 in a network namespace, for each case of iptables' extensions/libebt_802_3.t: what it accepts and how ebtables-save lists it
:INPUT,FORWARD,OUTPUT
! --802_3-sap 0x0a -j CONTINUE;=;FAIL
--802_3-type 0x000a -j RETURN;=;FAIL
-p Length --802_3-sap 0x0a -j CONTINUE;=;OK
-p Length ! --802_3-sap 0x0a -j CONTINUE;-p Length --802_3-sap ! 0x0a -j CONTINUE;OK
-p Length --802_3-type 0x000a -j RETURN;=;OK
-p Length ! --802_3-type 0x000a -j RETURN;-p Length --802_3-type ! 0x000a -j RETURN;OK
