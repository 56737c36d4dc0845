package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/** A compiled mark match; 32-bit ints, so no widening on the hot path. */
final class MarkMatch implements Match {
    private final int value;
    private final int mask;
    private final boolean inv;

    MarkMatch(int value, int mask, boolean inv) {
        this.value = value;
        this.mask = mask;
        this.inv = inv;
    }

    @Override
    public boolean matches(PacketContext p) {
        return ((p.mark() & mask) == value) != inv;
    }
}
