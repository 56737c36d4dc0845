package org.pkttables.conntrack;

import org.osgi.annotation.versioning.ProviderType;
import org.pkttables.api.PacketContext;

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

    /**
     * True when the connection has a NAT binding ({@link CtStatus#NAT_MASK}): its reply tuple differs from
     * the inverse of the original one, and the helper's NAT part (the kernel's nf_nat_ftp, nf_nat_tftp)
     * must announce translated addresses and make expectations with {@link #expectNat}.
     *
     * @since 1.3.0
     */
    default boolean natted() {
        return false;
    }

    /** Source address of the reply tuple (the inverse of the original one when not {@link #natted}); a fresh copy. @since 1.3.0 */
    default byte[] replySource() {
        return originalDestination();
    }

    /** Destination address of the reply tuple: where the reply goes, e.g. the masqueraded address. @since 1.3.0 */
    default byte[] replyDestination() {
        return originalSource();
    }

    /** @since 1.3.0 */
    default int replySourcePort() {
        return originalDestinationPort();
    }

    /** @since 1.3.0 */
    default int replyDestinationPort() {
        return originalSourcePort();
    }

    /**
     * Announces a connection that gets a NAT binding when it arrives, as the kernel's
     * {@code nf_nat_follow_master}: its destination becomes {@code natAddress:natPort} (the real address and
     * port behind the translation), its reply comes back from there; its source NAT is decided by the nat
     * table as for any new connection. The expected tuple must be unique: an
     * expectation of the same tuple by another connection makes this fail (the helper then tries another
     * port), never replaces it. IPv4 and IPv6 (NAT66): {@code natAddress} is of the connection's family.
     *
     * @return false when refused (tuple already expected, bad address, not the connection's family, table full)
     * @since 1.3.0
     */
    default boolean expectNat(int protocol, byte[] source, byte[] destination, int sourcePort, int destinationPort,
            byte[] natAddress, int natPort) {
        return false;
    }

    /**
     * Replaces the {@code matchLen} bytes at absolute offset {@code matchOff} of the TCP segment {@code p} (the
     * one being helped) by {@code text[textOff, textOff+textLen)}, as the kernel's nf_nat_mangle_tcp_packet: the
     * rest of the payload moves, the frame grows or shrinks, the IP length, the IP checksum and the TCP
     * checksum are updated (a checksum left to offload keeps being the pseudo-header sum, with the new
     * length). When the length changes, the connection records the change at this segment's sequence number
     * ({@link CtStatus#SEQ_ADJUST}): every later segment of this direction has its sequence number moved by
     * it, every segment of the other direction its acknowledgement number and SACK blocks moved back, as the
     * kernel's nf_ct_seqadj_set. A retransmission of this segment (the same sequence number) rewritten again
     * the same way changes nothing recorded.
     *
     * @return false, with nothing changed, when the frame's buffer has no room for the longer text or the
     *         range is not inside the payload (the helper then drops the segment, as the kernel does)
     * @since 1.3.0
     */
    default boolean mangleTcp(PacketContext p, int matchOff, int matchLen, byte[] text, int textOff, int textLen) {
        return false;
    }

    /**
     * Puts {@code bytes[off, off+len)} in front of the payload of the TCP segment {@code p} and moves its
     * sequence number back by {@code len}: the bytes a helper held back from this direction's earlier segments
     * (which it dropped) travel again, at their own place in the stream, with this segment's. The reassembly
     * of a command split across segments; it records no sequence adjustment (the stream is not changed, only
     * cut differently). IP length and checksums as {@link #mangleTcp}.
     *
     * @return false, with nothing changed, when the frame's buffer has no room
     * @since 1.3.0
     */
    default boolean prependTcp(PacketContext p, byte[] bytes, int off, int len) {
        return false;
    }

    /**
     * The helper's own state for this connection (the kernel's {@code nfct_help(ct)->data}, e.g. the FTP
     * helper's partial line), null until {@link #helperData(Object)} set it; it lives as long as the
     * connection's helper binding.
     *
     * @since 1.3.0
     */
    default Object helperData() {
        return null;
    }

    /** Sets the state {@link #helperData()} returns (ignored when the connection has no helper binding). @since 1.3.0 */
    default void helperData(Object data) {
    }
}
