package org.pkttables.conntrack.impl;

import org.pkttables.api.PacketContext;

/**
 * The TCP header as conntrack reads it (nf_conntrack_proto_tcp.c): the fields, the length of a segment in
 * sequence space, the header checks of tcp_error, and the window scale, SACK-permitted and SACK options.
 * Reads only; no state.
 */
final class TcpHeader {
    private TcpHeader() {
    }

    static int tcpFlags(PacketContext p, int l4) {
        return p.u8(l4 + 13);
    }

    static int doff(PacketContext p, int l4) {
        return (p.u8(l4 + 12) >>> 4) * 4;
    }

    static int seq(PacketContext p, int l4) {
        return (int) p.u32(l4 + 4);
    }

    static int ackSeq(PacketContext p, int l4) {
        return (int) p.u32(l4 + 8);
    }

    /** seq + payload length + SYN + FIN (segment_seq_plus_len). */
    static int segEnd(PacketContext p, PacketTuple t, int seq, int fl) {
        int len = t.ipEnd - t.l4 - doff(p, t.l4);
        return seq + len + ((fl & 0x02) != 0 ? 1 : 0) + ((fl & 0x01) != 0 ? 1 : 0);
    }

    static boolean before(int a, int b) {
        return a - b < 0;
    }

    static boolean after(int a, int b) {
        return b - a < 0;
    }

    /** Header checks of tcp_error: length and a valid flag combination. */
    static String error(PacketContext p, PacketTuple t) {
        int doff = doff(p, t.l4);
        if (!p.has(t.l4, 20) || doff < 20 || t.l4 + doff > t.ipEnd) {
            return "tcp: truncated header or bad data offset";
        }
        int fl = tcpFlags(p, t.l4) & ~(0x80 | 0x40 | 0x08); // ignore CWR, ECE, PSH
        switch (fl) {
            case 0x02: case 0x22: case 0x12: case 0x04: case 0x14: case 0x11: case 0x31: case 0x10: case 0x30:
                return null;
            default:
                return "tcp: invalid flag combination 0x" + Integer.toHexString(fl);
        }
    }

    /**
     * Window scale and SACK-permitted from the options: returns {@link TcpWindowTracker#F_WINDOW_SCALE} and
     * {@link TcpWindowTracker#F_SACK_PERM} as found, the scale (at most 14) in {@code scaleOut[0]}.
     */
    static int options(PacketContext p, int l4, int[] scaleOut) {
        int end = l4 + doff(p, l4);
        int f = 0;
        for (int i = option(p, l4 + 20, end); i >= 0; i = option(p, i + p.u8(i + 1), end)) {
            int kind = p.u8(i);
            int len = p.u8(i + 1);
            if (kind == 3 && len == 3) {
                f |= TcpWindowTracker.F_WINDOW_SCALE;
                scaleOut[0] = Math.min(p.u8(i + 2), 14);
            } else if (kind == 4 && len == 2) {
                f |= TcpWindowTracker.F_SACK_PERM;
            }
        }
        return f;
    }

    /** Highest right edge of the SACK blocks, when it is after {@code ack} (tcp_sack). */
    static int sack(PacketContext p, int l4, int ack) {
        int end = l4 + doff(p, l4);
        int best = ack;
        for (int i = option(p, l4 + 20, end); i >= 0; i = option(p, i + p.u8(i + 1), end)) {
            int len = p.u8(i + 1);
            if (p.u8(i) == 5 && len >= 10 && (len - 2) % 8 == 0) {
                for (int b = i + 2; b + 8 <= i + len; b += 8) {
                    int right = (int) p.u32(b + 4);
                    if (after(right, best)) {
                        best = right;
                    }
                }
            }
        }
        return best;
    }

    /**
     * The offset of the next option (kind, length, data) at or after {@code i}, NOPs skipped; -1 at the end
     * of the options ({@code end}, or End of Option List) or at a malformed length, where the kernel stops too.
     */
    private static int option(PacketContext p, int i, int end) {
        while (i < end) {
            int kind = p.u8(i);
            if (kind == 0) {
                return -1;
            }
            if (kind != 1) {
                int len = p.u8(i + 1);
                return len < 2 || i + len > end ? -1 : i;
            }
            i++;
        }
        return -1;
    }
}
