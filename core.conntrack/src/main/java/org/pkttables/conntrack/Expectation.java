package org.pkttables.conntrack;

import java.net.InetAddress;

/**
 * A connection a helper announced, as {@code conntrack -L expect} shows it: the expected tuple (a null
 * source or a source port of -1 match anything), the master connection, the helper, and the remaining
 * time.
 */
public record Expectation(int protocol, InetAddress source, InetAddress destination, int sourcePort,
        int destinationPort, long masterId, InetAddress masterSource, InetAddress masterDestination,
        int masterSourcePort, int masterDestinationPort, String helper, long expiresMillis) {
}
