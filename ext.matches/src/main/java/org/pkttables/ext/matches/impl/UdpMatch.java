package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/** A compiled udp match, as xt_udp: later fragments and cut-short UDP headers never match. */
final class UdpMatch implements Match {
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
