# mh match. Checked against ip6tables v1.8.9 (nf_tables).
:INPUT,FORWARD,OUTPUT
-p mh -m mh --mh-type 1;-p mobility-header -m mh --mh-type 1;OK
-p mobility-header -m mh --mh-type 1;=;OK
-p ipv6-mh -m mh --mh-type 1;-p mobility-header -m mh --mh-type 1;OK
-p 135 -m mh --mh-type 1;-p mobility-header -m mh --mh-type 1;OK
-p mh --mh-type binding-refresh-request;-p mobility-header -m mh --mh-type 0;OK
-p mh --mh-type BU;-p mobility-header -m mh --mh-type 5;OK
-p mh --mh-type be;-p mobility-header -m mh --mh-type 7;OK
-p mh --mh-type binding-update:ba;-p mobility-header -m mh --mh-type 5:6;OK
-p mh --mh-type hoti:cot;-p mobility-header -m mh --mh-type 1:4;OK
-p mh --mh-type 0x5;-p mobility-header -m mh --mh-type 5;OK
-p mh ! --mh-type 2:4;-p mobility-header -m mh ! --mh-type 2:4;OK
-p mh --mh-type 3:;-p mobility-header -m mh --mh-type 3:255;OK
-p mh --mh-type :3;-p mobility-header -m mh --mh-type 0:3;OK
-p mh --mh-type 4:4;-p mobility-header -m mh --mh-type 4;OK
-p mh --mh-type 0:255;-p mobility-header -m mh;OK
-p mh ! --mh-type 0:255;-p mobility-header -m mh;OK
-p mh --mh-type :;-p mobility-header -m mh;OK
-p mh -m mh;-p mobility-header -m mh;OK
-p mh --mh-type 255;-p mobility-header -m mh --mh-type 255;OK
-p mh --mh-type 5:3;;FAIL
-p mh --mh-type 256;;FAIL
-p mh --mh-type foo;;FAIL
-p udp -m mh --mh-type 1;;FAIL
-m mh --mh-type 1;;FAIL
! -p mh -m mh --mh-type 1;;FAIL
