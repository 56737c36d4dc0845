package org.pkttables.api.ext;

/**
 * A packet field a classifier can index, with the exact way it is read from the {@link
 * org.pkttables.api.PacketContext}. A match that constrains one of these fields in exactly this sense
 * can say so through {@link IndexableMatch}; the core then skips the rule for packets outside the
 * constraint without running the match.
 */
public enum IndexField {
    /** IPv4 source address: {@code u32(l3Offset() + 12)}, unsigned 32 bits. */
    IPV4_SRC(32),
    /** IPv4 destination address: {@code u32(l3Offset() + 16)}. */
    IPV4_DST(32),
    /** {@code l4Proto()}: the L4 protocol number (for IPv6 after the extension-header walk). */
    L4_PROTO(8),
    /** Source port: {@code u16(l4Offset())} (TCP, UDP and every protocol with ports first in its header). */
    L4_SPORT(16),
    /** Destination port: {@code u16(l4Offset() + 2)}. */
    L4_DPORT(16);

    private final int bits;

    IndexField(int bits) {
        this.bits = bits;
    }

    /** Width of the field's values, which range over 0 .. 2^bits - 1. */
    public int bits() {
        return bits;
    }
}
