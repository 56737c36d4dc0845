package org.pkttables.l3.ipv6.impl;

import java.util.ArrayList;
import java.util.List;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.FieldConstraint;
import org.pkttables.api.ext.IndexField;
import org.pkttables.api.ext.IndexableMatch;
import org.pkttables.l3.common.IfacesAndProtocol;

/** The compiled base options of one ip6tables rule, the kernel's ip6_packet_match. Immutable. */
record Ipv6BaseMatch(Ipv6Prefix src, boolean invSrc, Ipv6Prefix dst, boolean invDst, IfacesAndProtocol rest)
        implements IndexableMatch {
    private static final IndexField[] SRC_WORDS = { IndexField.IPV6_SRC0, IndexField.IPV6_SRC1,
        IndexField.IPV6_SRC2, IndexField.IPV6_SRC3 };
    private static final IndexField[] DST_WORDS = { IndexField.IPV6_DST0, IndexField.IPV6_DST1,
        IndexField.IPV6_DST2, IndexField.IPV6_DST3 };

    // What a classifier may index: non-inverted addresses, word by word, each word as the prefix of its
    // mask's leading ones (a mask like ffff::ffff gives word 0's /16 and nothing for the others), and a
    // non-inverted -p.
    @Override
    public List<FieldConstraint> constraints() {
        List<FieldConstraint> c = new ArrayList<>(9);
        if (src != null && !invSrc) {
            words(c, SRC_WORDS, src);
        }
        if (dst != null && !invDst) {
            words(c, DST_WORDS, dst);
        }
        int proto = rest.indexableProtocol();
        if (proto > 0) {
            c.add(FieldConstraint.exact(IndexField.L4_PROTO, proto));
        }
        return c;
    }

    private static void words(List<FieldConstraint> c, IndexField[] fields, Ipv6Prefix a) {
        for (int k = 0; k < 4; k++) {
            long v = k < 2 ? a.hi() : a.lo();
            long m = k < 2 ? a.maskHi() : a.maskLo();
            int shift = (k & 1) == 0 ? 32 : 0;
            int word = (int) (v >>> shift);
            int len = Integer.numberOfLeadingZeros(~(int) (m >>> shift));
            if (len > 0) {
                c.add(FieldConstraint.prefix(fields[k], word & 0xffffffffL, len));
            }
        }
    }

    @Override
    public boolean matches(PacketContext p) {
        if (src != null || dst != null) {
            int l3 = p.l3Offset();
            if (l3 < 0 || !p.has(l3, 40)) {
                return false;
            }
            if (src != null && src.contains(hi(p, l3 + 8), lo(p, l3 + 8)) == invSrc) {
                return false;
            }
            if (dst != null && dst.contains(hi(p, l3 + 24), lo(p, l3 + 24)) == invDst) {
                return false;
            }
        }
        return rest.matches(p);
    }

    // Callers checked that the 40-byte header is inside the frame, so u32 never returns -1 here.
    private static long hi(PacketContext p, int at) {
        return (p.u32(at) << 32) | p.u32(at + 4);
    }

    private static long lo(PacketContext p, int at) {
        return (p.u32(at + 8) << 32) | p.u32(at + 12);
    }

    @Override
    public String toString() {
        return "ipv6 base" + (src != null ? " -s " + src : "") + (dst != null ? " -d " + dst : "") + rest;
    }
}
