package org.pkttables.ext.matches.impl;

import java.util.List;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.FieldConstraint;
import org.pkttables.api.ext.IndexableMatch;

/**
 * A compiled tcp match, as the kernel's xt_tcp: fragments other than the first never match, nor does a
 * packet whose TCP header (or options, when searched) is cut short. Unset parts are compiled to tests
 * that always pass (ports 0:65535, flag mask 0), so the hot path has no branches on "given or not".
 */
final class TcpMatch implements IndexableMatch {
    private static final int IPPROTO_TCP = 6;
    private static final int HEADER = 20;

    private final PortRanges ports;
    private final int option;
    private final boolean optInv;
    private final int flagMask;
    private final int flagComp;
    private final boolean flagInv;

    TcpMatch(int sLo, int sHi, boolean sInv, int dLo, int dHi, boolean dInv, int option, boolean optInv,
            int flagMask, int flagComp, boolean flagInv) {
        this.ports = new PortRanges(sLo, sHi, sInv, dLo, dHi, dInv);
        this.option = option;
        this.optInv = optInv;
        this.flagMask = flagMask;
        this.flagComp = flagComp;
        this.flagInv = flagInv;
    }

    @Override
    public List<FieldConstraint> constraints() {
        return ports.constraints(IPPROTO_TCP);
    }

    @Override
    public boolean matches(PacketContext p) {
        int th = p.l4Offset();
        if (th < 0 || p.l4Proto() != IPPROTO_TCP || p.fragOffset() != 0 || !p.has(th, HEADER)) {
            return false;
        }
        if (!ports.admits(p.u16(th), p.u16(th + 2))) {
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
