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
    L4_DPORT(16),
    /**
     * IPv6 source address, word 0 (its first 32 bits): {@code u32(l3Offset() + 8)}. An IPv6 address is
     * indexed as four unsigned 32-bit words, most significant first ({@code IPV6_SRC0} .. {@code
     * IPV6_SRC3} at {@code l3Offset() + 8 + 4k}), so a prefix is an exact value on its full words and a
     * prefix range on the word where it ends. Read only from a packet whose 40-byte IPv6 header is in the
     * frame; a match constraining them must fail on any other packet, as ip6_packet_match does.
     */
    IPV6_SRC0(32),
    /** IPv6 source address, word 1: {@code u32(l3Offset() + 12)} (see {@link #IPV6_SRC0}). */
    IPV6_SRC1(32),
    /** IPv6 source address, word 2: {@code u32(l3Offset() + 16)}. */
    IPV6_SRC2(32),
    /** IPv6 source address, word 3: {@code u32(l3Offset() + 20)}. */
    IPV6_SRC3(32),
    /** IPv6 destination address, word 0: {@code u32(l3Offset() + 24)} (see {@link #IPV6_SRC0}). */
    IPV6_DST0(32),
    /** IPv6 destination address, word 1: {@code u32(l3Offset() + 28)}. */
    IPV6_DST1(32),
    /** IPv6 destination address, word 2: {@code u32(l3Offset() + 32)}. */
    IPV6_DST2(32),
    /** IPv6 destination address, word 3: {@code u32(l3Offset() + 36)}. */
    IPV6_DST3(32);

    private final int bits;

    IndexField(int bits) {
        this.bits = bits;
    }

    /** Width of the field's values, which range over 0 .. 2^bits - 1. */
    public int bits() {
        return bits;
    }
}
