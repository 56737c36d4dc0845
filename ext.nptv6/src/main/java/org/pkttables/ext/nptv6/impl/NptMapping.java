package org.pkttables.ext.nptv6.impl;

import org.pkttables.api.PacketContext;

/**
 * One prefix translation, as ip6t_NPT computes it (RFC 6296 section 3): the first
 * {@code max(src length, dst length)} bits of an address are replaced by the destination prefix, and one
 * 16-bit word after the prefix is adjusted by the one's complement difference of the two prefixes, so that
 * the address's one's complement sum, and with it every transport checksum over the pseudo header, stays
 * the same. The adjusted word is word 3 (bits 48..63) for a prefix of 48 bits or less; for a longer one the
 * first word of the interface identifier that is not 0xFFFF, and an address whose identifier is all 0xFFFF
 * cannot be translated. A result of 0xFFFF is written as 0x0000 (both are zero in one's complement).
 * Like the kernel, the address is not checked against the source prefix: rules select with {@code -s/-d}.
 */
final class NptMapping {
    private final Ipv6Prefix source;
    private final int[] dstWords = new int[8];
    private final int length;
    private final int adjustment;
    private final long sourceMaskHi;

    NptMapping(Ipv6Prefix source, Ipv6Prefix destination) {
        this.source = source;
        this.length = Math.max(source.length(), destination.length());
        int srcSum = 0;
        int dstSum = 0;
        for (int i = 0; i < 8; i++) {
            dstWords[i] = destination.word(i);
            srcSum = add(srcSum, source.word(i));
            dstSum = add(dstSum, dstWords[i]);
        }
        this.adjustment = add(srcSum, ~dstSum & 0xffff);
        this.sourceMaskHi = source.length() == 0 ? 0 : -1L << (64 - source.length());
    }

    /** One's complement 16-bit addition (end-around carry). */
    static int add(int a, int b) {
        int s = a + b;
        return (s & 0xffff) + (s >>> 16);
    }

    /** The adjustment added to the chosen word (one's complement of src sum minus dst sum). */
    int adjustment() {
        return adjustment;
    }

    /**
     * Translates the 16-byte address at absolute offset {@code at} of {@code p} in place.
     *
     * @return false when it cannot (prefix longer than 48 bits and an interface identifier of all 0xFFFF
     *         words); the address is then left with the new prefix but unadjusted, and the packet must be
     *         dropped, as the kernel does
     */
    boolean map(PacketContext p, int at) {
        for (int k = 0; k < 8 && 16 * k < length; k++) {
            int bits = Math.min(16, length - 16 * k);
            int keep = bits == 16 ? 0 : 0xffff >>> bits;
            int w = at + 2 * k;
            p.put16(w, (p.u16(w) & keep) | (dstWords[k] & ~keep & 0xffff));
        }
        int idx = 3;
        if (length > 48) {
            idx = 4;
            while (idx < 8 && p.u16(at + 2 * idx) == 0xffff) {
                idx++;
            }
            if (idx == 8) {
                return false;
            }
        }
        int w = at + 2 * idx;
        int sum = add(p.u16(w), adjustment);
        p.put16(w, sum == 0xffff ? 0 : sum);
        return true;
    }

    /** Whether the address at {@code at} lies in the source prefix (for the header inside an ICMPv6 error). */
    boolean inSource(PacketContext p, int at) {
        long hi = p.u32(at) << 32 | p.u32(at + 4);
        return (hi & sourceMaskHi) == source.hi();
    }
}
