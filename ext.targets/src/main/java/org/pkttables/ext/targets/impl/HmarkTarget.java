package org.pkttables.ext.targets.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Target;

/**
 * A compiled HMARK: the mark becomes a hash of the masked addresses, ports (or SPI) and protocol, computed
 * as the kernel's xt_HMARK does (hmark_hash, hmark_swap_ports), so both directions of a flow get the same
 * mark and the marks equal those of a Linux box with the same options.
 */
final class HmarkTarget implements Target {
    private final boolean ipv6;
    /** Masks in host order; IPv4 uses word 3 only. */
    private final int[] srcMask;
    private final int[] dstMask;
    /** The port mask as the 32 bits at the ports' offset read big-endian (sport high, dport low), or the SPI mask. */
    private final int portMask;
    private final int protoMask;
    private final int rnd;
    private final long mod;
    private final int offset;

    HmarkTarget(boolean ipv6, int[] srcMask, int[] dstMask, int portMask, int protoMask, int rnd, long mod,
            int offset) {
        this.ipv6 = ipv6;
        this.srcMask = srcMask.clone();
        this.dstMask = dstMask.clone();
        this.portMask = portMask;
        this.protoMask = protoMask;
        this.rnd = rnd;
        this.mod = mod;
        this.offset = offset;
    }

    @Override
    public int apply(PacketContext p) {
        int l3 = p.l3Offset();
        int src;
        int dst;
        if (ipv6) {
            src = xorMasked(p, l3 + 8, srcMask);
            dst = xorMasked(p, l3 + 24, dstMask);
        } else {
            src = (int) p.u32(l3 + 12) & srcMask[3];
            dst = (int) p.u32(l3 + 16) & dstMask[3];
        }
        int proto = p.l4Proto();
        int ports = 0;
        // Later fragments carry no ports, and the kernel skips the first one too so all of a datagram agree.
        if (proto >= 0 && !p.isFragment()) {
            int off = portsOffset(proto);
            long raw = off < 0 ? -1 : p.u32(p.l4Offset() + off);
            if (raw >= 0) {
                int hp = (int) raw & portMask;
                int s = hp >>> 16;
                int d = hp & 0xFFFF;
                ports = d > s ? (d << 16) | s : (s << 16) | d;
            }
        }
        // Sorted addresses: the same hash for both directions.
        if (Integer.compareUnsigned(dst, src) < 0) {
            int t = src;
            src = dst;
            dst = t;
        }
        int hash = Jhash.jhash3Words(src, dst, ports, rnd) ^ (Math.max(proto, 0) & protoMask);
        // reciprocal_scale(hash, mod) + offset, in u32 arithmetic.
        p.setMark((int) (((hash & 0xFFFFFFFFL) * mod) >>> 32) + offset);
        return Verdict.CONTINUE;
    }

    /** The xor of the four masked address words (hmark_addr6_mask); 0 when the header is cut short. */
    private static int xorMasked(PacketContext p, int at, int[] mask) {
        int x = 0;
        for (int i = 0; i < 4; i++) {
            long w = p.u32(at + 4 * i);
            if (w < 0) {
                return 0;
            }
            x ^= (int) w & mask[i];
        }
        return x;
    }

    /** proto_ports_offset(): where ports (or the SPI) start in the L4 header, -1 when it has none. */
    private static int portsOffset(int proto) {
        switch (proto) {
            case 6, 17, 33, 50, 132, 136:
                return 0;
            case 51:
                return 4;
            default:
                return -1;
        }
    }
}
