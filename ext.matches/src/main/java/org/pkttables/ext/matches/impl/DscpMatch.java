package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/** A compiled dscp match. */
record DscpMatch(boolean v6, int dscp, boolean inv) implements Match {
    @Override
    public boolean matches(PacketContext p) {
        int tos = TrafficClass.of(p, v6);
        return tos >= 0 && ((tos >>> 2) == dscp) != inv;
    }
}
