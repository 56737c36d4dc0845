/** Capture files: classic libpcap and pcapng read (with Linux cooked captures), libpcap written; no per-packet allocation. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.pkttables.io.pcap;
