# hashlimit masks on IPv6. Checked against ip6tables v1.8.9 (nf_tables).
:INPUT
-m hashlimit --hashlimit-upto 1/sec --hashlimit-name foo --hashlimit-srcmask 64;-m hashlimit --hashlimit-upto 1/sec --hashlimit-burst 5 --hashlimit-name foo --hashlimit-srcmask 64;OK
-m hashlimit --hashlimit-upto 1/sec --hashlimit-name foo --hashlimit-dstmask 32;-m hashlimit --hashlimit-upto 1/sec --hashlimit-burst 5 --hashlimit-name foo --hashlimit-dstmask 32;OK
-m hashlimit --hashlimit-upto 1/sec --hashlimit-name foo --hashlimit-srcmask 128;-m hashlimit --hashlimit-upto 1/sec --hashlimit-burst 5 --hashlimit-name foo;OK
-m hashlimit --hashlimit-upto 1/sec --hashlimit-name foo --hashlimit-dstmask 129;;FAIL
