# recent match, IPv6. Checked against ip6tables v1.8.9 (nf_tables).
:INPUT,FORWARD,OUTPUT
-m recent --set;-m recent --set --name DEFAULT --mask ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff --rsource;OK
-m recent --rcheck --mask ffff:ffff::;-m recent --rcheck --name DEFAULT --mask ffff:ffff:: --rsource;OK
-m recent --rcheck --mask 255.255.0.0;;FAIL
