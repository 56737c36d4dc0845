package org.pkttables.ext.matches.impl;

import java.util.List;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.FieldConstraint;
import org.pkttables.api.ext.IndexField;
import org.pkttables.api.ext.IndexableMatch;

/**
 * A compiled tcp match, with the semantics the oracle (iptables-nft 1.8.9) gives it, which depend on
 * how iptables-nft translates the rule:
 * <ul>
 * <li>ports and flags only: nf_tables payload loads ({@link NftTransport}, {@link PortRanges#admitsLoaded}):
 * each part reads only its own bytes, a part whose bytes are not there does not match, later IPv4
 * fragments are read like first ones;</li>
 * <li>with {@code --tcp-option}, or with nothing restricted ({@code -p tcp -m tcp}): the kernel's xt_tcp
 * through nft_compat: later fragments never match, a fragment at offset 8 bytes and a header shorter than
 * 20 bytes (or options cut short, or a data offset below 5 when an option is searched) are hotdropped.</li>
 * </ul>
 * Unset parts are compiled to tests that always pass, so the hot path has no branches on "given or not".
 */
final class TcpMatch implements IndexableMatch {
    private static final int IPPROTO_TCP = 6;
    private static final int HEADER = 20;

    private final PortRanges ports;
    private final boolean xt;
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
        // iptables-nft's add_nft_tcp: an option, or an all-zero xt_tcp, stays an xt match.
        this.xt = option != 0 || (ports.allDefault() && flagMask == 0 && flagComp == 0 && !flagInv);
    }

    @Override
    public List<FieldConstraint> constraints() {
        // The xt form hotdrops a short header whatever its ports: the classifier must not skip it on them.
        return xt ? List.of(FieldConstraint.exact(IndexField.L4_PROTO, IPPROTO_TCP)) : ports.constraints(IPPROTO_TCP);
    }

    @Override
    public boolean mayHotdrop() {
        return xt;
    }

    @Override
    public boolean matches(PacketContext p) {
        if (p.l4Proto() != IPPROTO_TCP) {
            return false;
        }
        return xt ? xtMatches(p) : loadedMatches(p);
    }

    private boolean loadedMatches(PacketContext p) {
        int th = NftTransport.offset(p);
        if (th < 0 || !ports.admitsLoaded(p, th)) {
            return false;
        }
        if (flagMask != 0) {
            int f = p.u8(th + 13);
            return f >= 0 && ((f & flagMask) == flagComp) != flagInv;
        }
        return true;
    }

    private boolean xtMatches(PacketContext p) {
        if (XtTransport.evilTcpFragment(p)) {
            p.hotdrop();
            return false;
        }
        int th = XtTransport.header(p, HEADER);
        if (th < 0 || !ports.admits(p.u16(th), p.u16(th + 2))) {
            return false;
        }
        if (((p.u8(th + 13) & flagMask) == flagComp) == flagInv) {
            return false;
        }
        return option == 0 || hasOption(p, th);
    }

    /** Walks the options like tcp_find_option(); hotdrops when they cannot be read. */
    private boolean hasOption(PacketContext p, int th) {
        int doff = (p.u8(th + 12) >>> 4) * 4;
        if (doff < HEADER) {
            p.hotdrop();
            return false;
        }
        int optLen = doff - HEADER;
        if (optLen == 0) {
            return optInv;
        }
        int op = th + HEADER;
        if (!p.has(op, optLen)) {
            p.hotdrop();
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
