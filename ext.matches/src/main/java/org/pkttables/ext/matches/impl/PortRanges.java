package org.pkttables.ext.matches.impl;

import java.util.ArrayList;
import java.util.List;

import org.pkttables.api.ext.FieldConstraint;
import org.pkttables.api.ext.IndexField;

/** The source and destination port ranges of a tcp or udp rule, each possibly inverted. */
final class PortRanges {
    private final int sLo;
    private final int sHi;
    private final boolean sInv;
    private final int dLo;
    private final int dHi;
    private final boolean dInv;

    PortRanges(int sLo, int sHi, boolean sInv, int dLo, int dHi, boolean dInv) {
        this.sLo = sLo;
        this.sHi = sHi;
        this.sInv = sInv;
        this.dLo = dLo;
        this.dHi = dHi;
        this.dInv = dInv;
    }

    boolean admits(int sport, int dport) {
        return (sport >= sLo && sport <= sHi) != sInv && (dport >= dLo && dport <= dHi) != dInv;
    }

    /** Necessary for a match, for the classifier: the protocol, and each port range that is not inverted. */
    List<FieldConstraint> constraints(int proto) {
        List<FieldConstraint> c = new ArrayList<>(3);
        c.add(FieldConstraint.exact(IndexField.L4_PROTO, proto));
        // A reversed udp range (4:3) matches nothing: no interval to offer, the match itself still says no.
        if (!sInv && sLo <= sHi) {
            c.add(new FieldConstraint(IndexField.L4_SPORT, sLo, sHi));
        }
        if (!dInv && dLo <= dHi) {
            c.add(new FieldConstraint(IndexField.L4_DPORT, dLo, dHi));
        }
        return c;
    }
}
