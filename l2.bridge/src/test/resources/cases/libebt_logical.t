# --logical-in/--logical-out as upstream ebtables accepts them (iptables' extensions/libebt_standard.t), in
# 1.8.9's listing form. NOT checked live: this machine's kernel lacks nft_meta_bridge ("Operation not
# supported" for every such rule), and 1.8.9's ebtables-save crashes on "! -i +".
:INPUT
--logical-in br0;--logical-in br0 -j CONTINUE;OK
--logical-out br1;=;FAIL
--logical-in + -d 00:0f:ee:d0:ba:be;-d 00:0f:ee:d0:ba:be -j CONTINUE;OK
--logical-in + -p ip;-p IPv4 -j CONTINUE;OK
! --logical-in +;--logical-in ! + -j CONTINUE;OK
! -i +;-i ! + -j CONTINUE;OK
:FORWARD
--logical-in br0 --logical-out br1;--logical-in br0 --logical-out br1 -j CONTINUE;OK
:OUTPUT
--logical-in br0;=;FAIL
--logical-out br1;--logical-out br1 -j CONTINUE;OK
