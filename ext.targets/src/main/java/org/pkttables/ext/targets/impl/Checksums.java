package org.pkttables.ext.targets.impl;

import org.pkttables.api.PacketContext;

/**
 * Incremental Internet checksum update (RFC 1624, eqn. 3: {@code HC' = ~(~HC + ~m + m')}), in place
 * in the frame, for targets that change a 16-bit word of a header the checksum covers.
 */
final class Checksums {
    private Checksums() {
    }

    /** Adjusts the checksum at {@code csumAt} for the 16-bit word {@code oldWord} becoming {@code newWord}. */
    static void replace16(PacketContext p, int csumAt, int oldWord, int newWord) {
        int hc = p.u16(csumAt);
        if (hc < 0 || oldWord == newWord) {
            return;
        }
        int sum = (~hc & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        p.put16(csumAt, ~sum & 0xffff);
    }

    /** The one's complement sum over {@code [from, from+len)}, folded and complemented: a fresh checksum (tests). */
    static int compute(byte[] b, int from, int len) {
        long sum = 0;
        for (int i = 0; i + 1 < len; i += 2) {
            sum += ((b[from + i] & 0xff) << 8) | (b[from + i + 1] & 0xff);
        }
        if ((len & 1) != 0) {
            sum += (b[from + len - 1] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
