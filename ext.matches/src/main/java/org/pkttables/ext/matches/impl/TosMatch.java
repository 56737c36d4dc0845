package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/** A compiled tos match. */
final class TosMatch implements Match {
    private final boolean v6;
    private final int value;
    private final int mask;
    private final boolean inv;

    TosMatch(boolean v6, int value, int mask, boolean inv) {
        this.v6 = v6;
        this.value = value;
        this.mask = mask;
        this.inv = inv;
    }

    @Override
    public boolean matches(PacketContext p) {
        int tos = TrafficClass.of(p, v6);
        return tos >= 0 && ((tos & mask) == value) != inv;
    }
}
