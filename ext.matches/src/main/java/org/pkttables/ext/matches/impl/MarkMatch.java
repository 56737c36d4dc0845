package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/** A compiled mark match; 32-bit ints, so no widening on the hot path. */
record MarkMatch(int value, int mask, boolean inv) implements Match {
    @Override
    public boolean matches(PacketContext p) {
        return ((p.mark() & mask) == value) != inv;
    }
}
