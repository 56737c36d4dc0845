package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/** A compiled dscp match. */
final class DscpMatch implements Match {
    private final boolean v6;
    private final int dscp;
    private final boolean inv;

    DscpMatch(boolean v6, int dscp, boolean inv) {
        this.v6 = v6;
        this.dscp = dscp;
        this.inv = inv;
    }

    @Override
    public boolean matches(PacketContext p) {
        int tos = TrafficClass.of(p, v6);
        return tos >= 0 && ((tos >>> 2) == dscp) != inv;
    }
}
