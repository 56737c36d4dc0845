package org.pkttables.ext.matches.impl;

import java.util.ArrayList;
import java.util.List;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.FieldConstraint;
import org.pkttables.api.ext.IndexField;

/** The source and destination port ranges of a tcp or udp rule, each possibly inverted. */
record PortRanges(int sLo, int sHi, boolean sInv, int dLo, int dHi, boolean dInv) {
    /** xt_tcpudp's test, once the whole header has been read. */
    boolean admits(int sport, int dport) {
        return (sport >= sLo && sport <= sHi) != sInv && (dport >= dLo && dport <= dHi) != dInv;
    }

    /** True when neither side restricts anything: iptables-nft then keeps the xt match (nft_compat). */
    boolean allDefault() {
        return sLo == 0 && sHi == 0xffff && !sInv && dLo == 0 && dHi == 0xffff && !dInv;
    }

    /**
     * The test as iptables-nft 1.8.9 translates it to nf_tables payload loads (add_nft_tcpudp): one
     * 4-byte load compared with both ports when each side is one non-zero port and both are inverted
     * alike (so {@code ! --sport 1 ! --dport 80} matches when either port differs), else a 2-byte load
     * per side that restricts something. Each load reads only its own bytes at {@code th}; a load that
     * does not fit in the packet ends the rule without a match (NFT_BREAK), inverted or not.
     */
    boolean admitsLoaded(PacketContext p, int th) {
        if (sLo == sHi && sLo != 0 && dLo == dHi && dLo != 0 && sInv == dInv) {
            long v = p.u32(th);
            return v >= 0 && (v == ((long) sLo << 16 | dLo)) != sInv;
        }
        if (sLo != 0 || sHi < 0xffff) {
            int s = p.u16(th);
            if (s < 0 || (s >= sLo && s <= sHi) == sInv) {
                return false;
            }
        }
        if (dLo != 0 || dHi < 0xffff) {
            int d = p.u16(th + 2);
            if (d < 0 || (d >= dLo && d <= dHi) == dInv) {
                return false;
            }
        }
        return true;
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
