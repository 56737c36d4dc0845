/**
 * The connection generator: stateful TCP, UDP and ICMP echo flows described by {@link Profile}s, played
 * by a {@link Generator} into memory (one reused buffer), a pcap file or live ports.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.pkttables.gen;
