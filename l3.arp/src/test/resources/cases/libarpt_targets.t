# arptables-nft 1.8.9 in a network namespace: more MARK, CLASSIFY and mangle forms
:INPUT
-j MARK --set-mark 10;=;OK
-j MARK --set-mark 0x10;-j MARK --set-mark 10;OK
-j MARK --set-mark 4294967295;-j MARK --set-mark 94967295;OK
-j MARK --set-mark 0xffffffffff;-j MARK --set-mark ffffffff;OK
-j MARK --set-mark 1 --and-mark 2;=;FAIL
-j MARK --and-mark 10;=;OK
-j MARK;-j MARK --and-mark ffffffff;OK
-j MARK --set-mark g;=;FAIL
-j MARK --set-mark -1;-j MARK --set-mark ffffffff;OK
-j MARK --or-mark 0;-j MARK --and-mark ffffffff;OK
-j MARK --set-xmark 1;=;FAIL
-j CLASSIFY --set-class 1:2;=;FAIL
-j mangle;=;FAIL
-j mangle --mangle-mac-s 0:1:2:3:4:5 --mangle-mac-d 0:1:2:3:4:6 --mangle-ip-d 1.1.1.1 --mangle-ip-s 2.2.2.2 --mangle-target DROP;-j mangle --mangle-ip-s 2.2.2.2 --mangle-mac-s 00:01:02:03:04:05 --mangle-ip-d 1.1.1.1 --mangle-mac-d 00:01:02:03:04:06 --mangle-target DROP;OK
-j mangle --mangle-ip-s 1.2.3.4/24;-j mangle --mangle-ip-s 1.2.3.0;OK
-j mangle --mangle-target RETURN;=;FAIL
-j mangle --mangle-ip-s foo;=;FAIL
-j mangle --mangle-ip-s 1.1.1.1;=;OK
:OUTPUT
-j CLASSIFY --set-class 1:2;=;OK
-j CLASSIFY --set-class 10:ab;=;OK
-j CLASSIFY --set-class 10000:1;-j CLASSIFY --set-class 0:1;OK
-j CLASSIFY --set-class 1;=;FAIL
-j CLASSIFY;=;FAIL
-j mangle --mangle-target CONTINUE --mangle-mac-s 0:1:2:3:4:5;-j mangle --mangle-mac-s 00:01:02:03:04:05 --mangle-target CONTINUE;OK
