package org.pkttables.conntrack;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the NAT extension needs of a packet's connection, as the kernel's nf_nat_core uses
 * {@code ct->tuplehash[]}: both tuples, the NAT status bits, and — for a connection whose first packet this
 * is, not yet confirmed — a new reply tuple ({@code nf_conntrack_alter_reply}) after checking that no other
 * connection uses it ({@code nf_conntrack_tuple_taken}). core.conntrack's per-packet view implements it,
 * so {@code p.conntrack() instanceof NatEntry} on a tracked packet. Same hot-path rules as matches: nothing
 * here allocates.
 *
 * <p>Addresses are IPv4 addresses as unsigned 32-bit values in a long; for IPv6 tuples ({@link #ipv4()}
 * false) the same methods give the low 64 bits of the address and the {@code ...Hi} ones the high 64 bits
 * (since 1.3.0; 0 for IPv4). Ports are 0..65535; for ICMP and ICMPv6 echo both are the echo id.
 *
 * @since 1.2.0
 */
@ProviderType
public interface NatEntry {
    /** True when the packet has a live entry (not INVALID, UNTRACKED, nor freed meanwhile). */
    boolean hasEntry();

    /** True when the entry's tuples are IPv4 ones, false for IPv6 ones. */
    boolean ipv4();

    /** True when the packet travels in the reply direction. */
    boolean isReply();

    /** True while the entry is new: created by this packet and not yet confirmed (in the table). */
    boolean unconfirmed();

    /** The entry's {@link CtStatus} bits. */
    int status();

    /** Adds {@link CtStatus#SRC_NAT_DONE}/{@link CtStatus#DST_NAT_DONE} (other bits are ignored). */
    void natDone(int doneBits);

    /** IP protocol of the connection. */
    int protocol();

    long srcAddr(boolean reply);

    long dstAddr(boolean reply);

    /** The high 64 bits of an IPv6 source address (0 for IPv4). @since 1.3.0 */
    long srcAddrHi(boolean reply);

    /** The high 64 bits of an IPv6 destination address (0 for IPv4). @since 1.3.0 */
    long dstAddrHi(boolean reply);

    int srcPort(boolean reply);

    int dstPort(boolean reply);

    /**
     * Whether another connection uses this tuple in either direction (as the reply tuple a packet
     * {@code src → dst} would be looked up with), the kernel's {@code nf_conntrack_tuple_taken}.
     */
    boolean taken(long src, int srcPort, long dst, int dstPort);

    /** {@link #taken(long, int, long, int)} with the high 64 bits of IPv6 addresses. @since 1.3.0 */
    boolean taken(long srcHi, long src, int srcPort, long dstHi, long dst, int dstPort);

    /**
     * Gives the new entry the reply tuple {@code src:srcPort → dst:dstPort} and the NAT bits
     * ({@link CtStatus#SRC_NAT}, {@link CtStatus#DST_NAT}) that say which direction was translated; replies
     * are then found by it. Only while {@link #unconfirmed()}.
     *
     * @throws IllegalStateException when the entry is confirmed or gone
     */
    void setReply(long src, int srcPort, long dst, int dstPort, int natBits);

    /**
     * {@link #setReply(long, int, long, int, int)} with the high 64 bits of IPv6 addresses.
     *
     * @since 1.3.0
     */
    void setReply(long srcHi, long src, int srcPort, long dstHi, long dst, int dstPort, int natBits);

    /**
     * Counts a new connection refused because no unique tuple was left in the NAT range: the
     * {@code insert_failed} and {@code drop} statistics of {@code conntrack -S}, as the kernel counts a
     * clash it cannot resolve.
     */
    void refused();
}
