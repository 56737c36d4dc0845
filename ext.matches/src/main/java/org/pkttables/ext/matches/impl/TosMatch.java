package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/** A compiled tos match. */
record TosMatch(boolean v6, int value, int mask, boolean inv) implements Match {
    @Override
    public boolean matches(PacketContext p) {
        int tos = TrafficClass.of(p, v6);
        return tos >= 0 && ((tos & mask) == value) != inv;
    }
}
