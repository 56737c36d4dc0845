package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;

/**
 * A compiled sctp match, as the kernel's sctp_mt: ports of the common header, then the chunks walked
 * one by one (each padded to 4 bytes) up to the end of the IP packet. "all" needs every listed type
 * seen with matching flags, "any" one of them, "only" no other type. The seen-set of "all" is four
 * longs on the stack, not a copied map. Later fragments never match; a common header cut short, a chunk
 * header that cannot be read and a zero-length chunk are hotdropped, as sctp_mt does.
 */
final class SctpMatch implements HotdroppingMatch {
    private static final int IPPROTO_SCTP = 132;

    private final PortRanges ports;
    private final boolean chunks;
    private final boolean cInv;
    private final int mode;
    private final long m0;
    private final long m1;
    private final long m2;
    private final long m3;
    private final int[] flagType;
    private final int[] flagMask;
    private final int[] flagValue;

    SctpMatch(NumRange s, boolean sInv, NumRange d, boolean dInv, SctpChunks c, boolean cInv) {
        this.ports = new PortRanges((int) s.lo(), (int) s.hi(), sInv, (int) d.lo(), (int) d.hi(), dInv);
        this.chunks = c != null;
        this.cInv = cInv;
        this.mode = c == null ? 0 : c.mode();
        this.m0 = c == null ? 0 : c.word(0);
        this.m1 = c == null ? 0 : c.word(1);
        this.m2 = c == null ? 0 : c.word(2);
        this.m3 = c == null ? 0 : c.word(3);
        int n = c == null ? 0 : c.flagged();
        flagType = new int[n];
        flagMask = new int[n];
        flagValue = new int[n];
        for (int i = 0; i < n; i++) {
            flagType[i] = c.flagType(i);
            flagMask[i] = c.flagMask(i);
            flagValue[i] = c.flagValue(i);
        }
    }

    @Override
    public boolean matches(PacketContext p) {
        int sh = XtTransport.header(p, IPPROTO_SCTP, 12);
        if (sh < 0 || !ports.admits(p.u16(sh), p.u16(sh + 2))) {
            return false;
        }
        if (!chunks) {
            return true;
        }
        int r = chunkResult(p, sh + 12);
        if (r < 0) {
            p.hotdrop();
            return false;
        }
        return (r == 1) != cInv;
    }

    private boolean inMap(int t) {
        long w = t < 64 ? m0 : t < 128 ? m1 : t < 192 ? m2 : m3;
        return (w & 1L << (t & 63)) != 0;
    }

    private boolean flagsMatch(int type, int flags) {
        for (int i = 0; i < flagType.length; i++) {
            if (flagType[i] == type) {
                return (flags & flagMask[i]) == flagValue[i];
            }
        }
        return true;
    }

    /** 1 match, 0 no match, -1 malformed (dropped by the kernel). */
    private int chunkResult(PacketContext p, int off) {
        int end = ipEnd(p);
        long left0 = m0;
        long left1 = m1;
        long left2 = m2;
        long left3 = m3;
        do {
            if (!p.has(off, 4)) {
                return -1;
            }
            int type = p.u8(off);
            int flags = p.u8(off + 1);
            int len = p.u16(off + 2);
            if (len == 0) {
                return -1;
            }
            if (inMap(type)) {
                boolean fm = flagsMatch(type, flags);
                if (mode == SctpChunks.ANY && fm) {
                    return 1;
                }
                if (mode == SctpChunks.ALL && fm) {
                    long bit = ~(1L << (type & 63));
                    if (type < 64) {
                        left0 &= bit;
                    } else if (type < 128) {
                        left1 &= bit;
                    } else if (type < 192) {
                        left2 &= bit;
                    } else {
                        left3 &= bit;
                    }
                }
                if (mode == SctpChunks.ONLY && !fm) {
                    return 0;
                }
            } else if (mode == SctpChunks.ONLY) {
                return 0;
            }
            off += (len + 3) & ~3;
        } while (off < end);
        if (mode == SctpChunks.ALL) {
            return (left0 | left1 | left2 | left3) == 0 ? 1 : 0;
        }
        return mode == SctpChunks.ONLY ? 1 : 0;
    }

    /** End of the IP packet (the kernel's skb->len): the L3 handler trimmed the frame to it. */
    private static int ipEnd(PacketContext p) {
        return p.end();
    }
}
