/** Capture files in the classic libpcap format, read and written without per-packet allocation. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pkttables.io.pcap;
