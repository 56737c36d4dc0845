package org.pkttables.l3.ipv6.impl;

import java.util.List;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.FieldConstraint;
import org.pkttables.api.ext.IndexField;
import org.pkttables.api.ext.IndexableMatch;
import org.pkttables.l3.common.IfacesAndProtocol;

/** The compiled base options of one ip6tables rule, the kernel's ip6_packet_match. Immutable. */
record Ipv6BaseMatch(Ipv6Prefix src, boolean invSrc, Ipv6Prefix dst, boolean invDst, IfacesAndProtocol rest)
        implements IndexableMatch {
    @Override
    public List<FieldConstraint> constraints() {
        // Only -p is indexed for now (the classifier has no 128-bit address fields yet).
        int proto = rest.indexableProtocol();
        return proto > 0 ? List.of(FieldConstraint.exact(IndexField.L4_PROTO, proto)) : List.of();
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
