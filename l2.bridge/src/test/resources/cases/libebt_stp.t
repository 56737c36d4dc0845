# ebtables-nft 1.8.9 in a network namespace: the stp match
:INPUT
--stp-type 1;--stp-type 1 -j CONTINUE;OK
-d BGA --stp-type config --stp-flags topology-change;-d BGA --stp-type config --stp-flags topology-change -j CONTINUE;OK
-d BGA --stp-root-prio 1:2 --stp-root-addr 0:1:2:3:4:5/ff:ff:ff:ff:ff:0 --stp-root-cost ! 5 --stp-sender-prio 3 --stp-sender-addr 1:2:3:4:5:6 --stp-port 2:3 --stp-msg-age 1 --stp-max-age 2 --stp-hello-time 3 --stp-forward-delay 4;-d BGA --stp-root-prio 1:2 --stp-root-addr 00:01:02:03:04:00/ff:ff:ff:ff:ff:00 --stp-root-cost ! 5 --stp-sender-prio 3 --stp-sender-addr 01:02:03:04:05:06 --stp-port 2:3 --stp-msg-age 1 --stp-max-age 2 --stp-hello-time 3 --stp-forward-delay 4 -j CONTINUE;OK
