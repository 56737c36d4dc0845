package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/**
 * A compiled ttl or hl match: one byte of the IP header (TTL at offset 8, hop limit at 7) compared
 * with a value, as xt_ttl/xt_hl do. Modes: equal, not equal, less than, greater than.
 */
record HopLimitMatch(int field, int mode, int value) implements Match {
    static final int EQ = 0;
    static final int NE = 1;
    static final int LT = 2;
    static final int GT = 3;

    @Override
    public boolean matches(PacketContext p) {
        int l3 = p.l3Offset();
        int v = l3 < 0 ? -1 : p.u8(l3 + field);
        if (v < 0) {
            return false;
        }
        switch (mode) {
            case EQ:
                return v == value;
            case NE:
                return v != value;
            case LT:
                return v < value;
            default:
                return v > value;
        }
    }
}
