package org.pkttables.conntrack;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a {@link ConntrackHelper} sees of the connection it helps: its original tuple, the packet's
 * direction, and {@link #expect}. Addresses are 4 (IPv4) or 16 (IPv6) bytes. One instance per worker,
 * valid only during {@link ConntrackHelper#help}.
 */
@ProviderType
public interface HelperConnection {
    /** 4 or 6. */
    int ipVersion();

    /** True when the packet travels in the reply direction (server to client for a client-opened connection). */
    boolean isReply();

    /** Source address of the original direction (the side that opened the connection); a fresh copy. */
    byte[] originalSource();

    /** Destination address of the original direction; a fresh copy. */
    byte[] originalDestination();

    int originalSourcePort();

    int originalDestinationPort();

    /** Id of the connection (as {@code conntrack -L -o id} prints). */
    long id();

    /**
     * Announces a connection: the first packet that fits is RELATED, and its connection records this one
     * as its master (so {@code -m helper --helper NAME} matches it).
     *
     * @param protocol        layer-4 protocol of the expected connection
     * @param source          its source address, or {@code null} for any
     * @param destination     its destination address (4 or 16 bytes, same version as this connection)
     * @param sourcePort      its source port, or -1 for any
     * @param destinationPort its destination port
     * @return false when refused (bad address, wrong version)
     */
    boolean expect(int protocol, byte[] source, byte[] destination, int sourcePort, int destinationPort);
}
