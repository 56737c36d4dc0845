/**
 * Live interfaces for tools beside the appliance's own modes (the connection generator): open an
 * interface through io's libpcap port code, send frames, capture what arrives, read the capture
 * statistics. pcap4j and JNA stay private to io.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pkttables.io.live;
