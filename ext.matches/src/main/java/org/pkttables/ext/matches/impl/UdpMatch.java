package org.pkttables.ext.matches.impl;

import java.util.ArrayList;
import java.util.List;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.FieldConstraint;
import org.pkttables.api.ext.IndexField;
import org.pkttables.api.ext.IndexableMatch;

/** A compiled udp match, as xt_udp: later fragments and cut-short UDP headers never match. */
final class UdpMatch implements IndexableMatch {
    private static final int IPPROTO_UDP = 17;
    private static final int HEADER = 8;

    private final int sLo;
    private final int sHi;
    private final boolean sInv;
    private final int dLo;
    private final int dHi;
    private final boolean dInv;

    UdpMatch(int sLo, int sHi, boolean sInv, int dLo, int dHi, boolean dInv) {
        this.sLo = sLo;
        this.sHi = sHi;
        this.sInv = sInv;
        this.dLo = dLo;
        this.dHi = dHi;
        this.dInv = dInv;
    }

    // Necessary for a match: the protocol, and each port range that is not inverted.
    private List<FieldConstraint> indexable() {
        List<FieldConstraint> c = new ArrayList<>(3);
        c.add(FieldConstraint.exact(IndexField.L4_PROTO, IPPROTO_UDP));
        if (!sInv) {
            c.add(new FieldConstraint(IndexField.L4_SPORT, sLo, sHi));
        }
        if (!dInv) {
            c.add(new FieldConstraint(IndexField.L4_DPORT, dLo, dHi));
        }
        return c;
    }

    @Override
    public List<FieldConstraint> constraints() {
        return indexable();
    }

    @Override
    public boolean matches(PacketContext p) {
        int uh = p.l4Offset();
        if (uh < 0 || p.l4Proto() != IPPROTO_UDP || p.fragOffset() != 0 || !p.has(uh, HEADER)) {
            return false;
        }
        int sport = p.u16(uh);
        int dport = p.u16(uh + 2);
        return (sport >= sLo && sport <= sHi) != sInv && (dport >= dLo && dport <= dHi) != dInv;
    }
}
