package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/**
 * A compiled length match, as xt_length: IPv4 total length; IPv6 payload length plus the 40-byte
 * fixed header (jumbograms are not special-cased, as in the kernel).
 */
record LengthMatch(boolean v6, NumRange lengths, boolean inv) implements Match {
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
        return lengths.contains(len) != inv;
    }
}
