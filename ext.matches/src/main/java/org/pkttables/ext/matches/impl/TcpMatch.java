package org.pkttables.ext.matches.impl;

import java.util.ArrayList;
import java.util.List;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.FieldConstraint;
import org.pkttables.api.ext.IndexField;
import org.pkttables.api.ext.IndexableMatch;

/**
 * A compiled tcp match, as the kernel's xt_tcp: fragments other than the first never match, nor does a
 * packet whose TCP header (or options, when searched) is cut short. Unset parts are compiled to tests
 * that always pass (ports 0:65535, flag mask 0), so the hot path has no branches on "given or not".
 */
final class TcpMatch implements IndexableMatch {
    private static final int IPPROTO_TCP = 6;
    private static final int HEADER = 20;

    private final int sLo;
    private final int sHi;
    private final boolean sInv;
    private final int dLo;
    private final int dHi;
    private final boolean dInv;
    private final int option;
    private final boolean optInv;
    private final int flagMask;
    private final int flagComp;
    private final boolean flagInv;

    TcpMatch(int sLo, int sHi, boolean sInv, int dLo, int dHi, boolean dInv, int option, boolean optInv,
            int flagMask, int flagComp, boolean flagInv) {
        this.sLo = sLo;
        this.sHi = sHi;
        this.sInv = sInv;
        this.dLo = dLo;
        this.dHi = dHi;
        this.dInv = dInv;
        this.option = option;
        this.optInv = optInv;
        this.flagMask = flagMask;
        this.flagComp = flagComp;
        this.flagInv = flagInv;
    }

    // Necessary for a match: the protocol, and each port range that is not inverted.
    private List<FieldConstraint> indexable() {
        List<FieldConstraint> c = new ArrayList<>(3);
        c.add(FieldConstraint.exact(IndexField.L4_PROTO, IPPROTO_TCP));
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
        int th = p.l4Offset();
        if (th < 0 || p.l4Proto() != IPPROTO_TCP || p.fragOffset() != 0 || !p.has(th, HEADER)) {
            return false;
        }
        int sport = p.u16(th);
        if ((sport >= sLo && sport <= sHi) == sInv) {
            return false;
        }
        int dport = p.u16(th + 2);
        if ((dport >= dLo && dport <= dHi) == dInv) {
            return false;
        }
        if (((p.u8(th + 13) & flagMask) == flagComp) == flagInv) {
            return false;
        }
        return option == 0 || hasOption(p, th);
    }

    /** Walks the options like tcp_find_option(); false (never "not found") when they are cut short. */
    private boolean hasOption(PacketContext p, int th) {
        int doff = (p.u8(th + 12) >>> 4) * 4;
        if (doff < HEADER) {
            return false;
        }
        int optLen = doff - HEADER;
        if (optLen == 0) {
            return optInv;
        }
        int op = th + HEADER;
        if (!p.has(op, optLen)) {
            return false;
        }
        int i = 0;
        while (i < optLen) {
            int kind = p.u8(op + i);
            if (kind == option) {
                return !optInv;
            }
            if (kind < 2) {
                i++;
            } else {
                int len = i + 1 < optLen ? p.u8(op + i + 1) : 0;
                i += len == 0 ? 1 : len;
            }
        }
        return optInv;
    }
}
