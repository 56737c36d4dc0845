package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/**
 * A compiled length match, as xt_length: IPv4 total length; IPv6 payload length plus the 40-byte
 * fixed header (jumbograms are not special-cased, as in the kernel).
 */
final class LengthMatch implements Match {
    private final boolean v6;
    private final int lo;
    private final int hi;
    private final boolean inv;

    LengthMatch(boolean v6, int lo, int hi, boolean inv) {
        this.v6 = v6;
        this.lo = lo;
        this.hi = hi;
        this.inv = inv;
    }

    @Override
    public boolean matches(PacketContext p) {
        int l3 = p.l3Offset();
        if (l3 < 0) {
            return false;
        }
        int len = v6 ? p.u16(l3 + 4) : p.u16(l3 + 2);
        if (len < 0) {
            return false;
        }
        if (v6) {
            len += 40;
        }
        return (len >= lo && len <= hi) != inv;
    }
}
