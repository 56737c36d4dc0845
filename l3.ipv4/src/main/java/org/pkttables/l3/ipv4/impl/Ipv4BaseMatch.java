package org.pkttables.l3.ipv4.impl;

import java.util.ArrayList;
import java.util.List;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.FieldConstraint;
import org.pkttables.api.ext.IndexField;
import org.pkttables.api.ext.IndexableMatch;
import org.pkttables.l3.common.IfacesAndProtocol;
import org.pkttables.l3.common.Ipv4Prefix;

/** The compiled base options of one iptables rule, the kernel's ip_packet_match. Immutable. */
final class Ipv4BaseMatch implements IndexableMatch {
    private final boolean hasSrc;
    private final int src;
    private final int srcMask;
    private final boolean invSrc;
    private final boolean hasDst;
    private final int dst;
    private final int dstMask;
    private final boolean invDst;
    private final IfacesAndProtocol rest;
    private final boolean frag;
    private final boolean invFrag;

    Ipv4BaseMatch(Ipv4Prefix src, boolean invSrc, Ipv4Prefix dst, boolean invDst, IfacesAndProtocol rest,
            boolean frag, boolean invFrag) {
        this.hasSrc = src != null;
        this.src = hasSrc ? src.address() : 0;
        this.srcMask = hasSrc ? src.mask() : 0;
        this.invSrc = invSrc;
        this.hasDst = dst != null;
        this.dst = hasDst ? dst.address() : 0;
        this.dstMask = hasDst ? dst.mask() : 0;
        this.invDst = invDst;
        this.rest = rest;
        this.frag = frag;
        this.invFrag = invFrag;
    }

    // What a classifier may index: non-inverted addresses (as the prefix of the mask's leading ones,
    // which a mask like 255.0.255.0 also needs) and a non-inverted -p.
    private List<FieldConstraint> indexable() {
        List<FieldConstraint> c = new ArrayList<>(3);
        if (hasSrc && !invSrc) {
            c.add(FieldConstraint.prefix(IndexField.IPV4_SRC, src & 0xffffffffL, Integer.numberOfLeadingZeros(~srcMask)));
        }
        if (hasDst && !invDst) {
            c.add(FieldConstraint.prefix(IndexField.IPV4_DST, dst & 0xffffffffL, Integer.numberOfLeadingZeros(~dstMask)));
        }
        int proto = rest.indexableProtocol();
        if (proto > 0) {
            c.add(FieldConstraint.exact(IndexField.L4_PROTO, proto));
        }
        return c;
    }

    @Override
    public List<FieldConstraint> constraints() {
        return indexable();
    }

    @Override
    public boolean matches(PacketContext p) {
        if (hasSrc || hasDst) {
            int l3 = p.l3Offset();
            if (l3 < 0) {
                return false;
            }
            if (hasSrc) {
                long a = p.u32(l3 + 12);
                if (a < 0 || (((int) a & srcMask) == src) == invSrc) {
                    return false;
                }
            }
            if (hasDst) {
                long a = p.u32(l3 + 16);
                if (a < 0 || (((int) a & dstMask) == dst) == invDst) {
                    return false;
                }
            }
        }
        if (!rest.matches(p)) {
            return false;
        }
        // -f is "second and further fragments", as in the kernel.
        return !frag || (p.fragOffset() != 0) != invFrag;
    }

    @Override
    public String toString() {
        return "ipv4 base" + (hasSrc ? " -s " + new Ipv4Prefix(src, srcMask) : "")
                + (hasDst ? " -d " + new Ipv4Prefix(dst, dstMask) : "") + rest + (frag ? " -f" : "");
    }
}
