# hashlimit masks on IPv4. Checked against iptables v1.8.9 (nf_tables).
:INPUT
-m hashlimit --hashlimit-upto 1/sec --hashlimit-name foo --hashlimit-dstmask 32;-m hashlimit --hashlimit-upto 1/sec --hashlimit-burst 5 --hashlimit-name foo;OK
-m hashlimit --hashlimit-upto 1/sec --hashlimit-name foo --hashlimit-srcmask 33;;FAIL
-m hashlimit --hashlimit-upto 1/sec --hashlimit-name foo --hashlimit-mode srcip --hashlimit-srcmask 32;-m hashlimit --hashlimit-upto 1/sec --hashlimit-burst 5 --hashlimit-mode srcip --hashlimit-name foo;OK
