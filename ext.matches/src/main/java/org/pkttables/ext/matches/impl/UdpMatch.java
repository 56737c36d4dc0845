package org.pkttables.ext.matches.impl;

import java.util.List;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.FieldConstraint;
import org.pkttables.api.ext.IndexableMatch;

/** A compiled udp match, as xt_udp: later fragments and cut-short UDP headers never match. */
final class UdpMatch implements IndexableMatch {
    private static final int IPPROTO_UDP = 17;
    private static final int HEADER = 8;

    private final PortRanges ports;

    UdpMatch(int sLo, int sHi, boolean sInv, int dLo, int dHi, boolean dInv) {
        this.ports = new PortRanges(sLo, sHi, sInv, dLo, dHi, dInv);
    }

    @Override
    public List<FieldConstraint> constraints() {
        return ports.constraints(IPPROTO_UDP);
    }

    @Override
    public boolean matches(PacketContext p) {
        int uh = p.l4Offset();
        if (uh < 0 || p.l4Proto() != IPPROTO_UDP || p.fragOffset() != 0 || !p.has(uh, HEADER)) {
            return false;
        }
        return ports.admits(p.u16(uh), p.u16(uh + 2));
    }
}
