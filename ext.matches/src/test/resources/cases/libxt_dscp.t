# dscp match. Checked against iptables/ip6tables v1.8.9 (nf_tables).
:INPUT,FORWARD,OUTPUT
-m dscp --dscp 0x00;=;OK
-m dscp --dscp 0x3f;=;OK
-m dscp --dscp -1;;FAIL
-m dscp --dscp 0x40;;FAIL
-m dscp --dscp 0x3f --dscp-class CS0;;FAIL
-m dscp --dscp-class CS0;-m dscp --dscp 0x00;OK
-m dscp --dscp-class BE;-m dscp --dscp 0x00;OK
-m dscp --dscp-class EF;-m dscp --dscp 0x2e;OK
-m dscp;;FAIL
-m dscp ! --dscp 10;-m dscp ! --dscp 0x0a;OK
-m dscp ! --dscp-class AF41;-m dscp ! --dscp 0x22;OK
-m dscp --dscp-class af11;-m dscp --dscp 0x0a;OK
-m dscp --dscp-class CS7;-m dscp --dscp 0x38;OK
-m dscp --dscp-class XX;;FAIL
-m dscp --dscp 63;-m dscp --dscp 0x3f;OK
-m dscp --dscp 010;-m dscp --dscp 0x08;OK
