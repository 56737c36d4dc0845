package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/**
 * A compiled mac match. Like xt_mac, a packet without a whole Ethernet header never matches, not even
 * when inverted: "not from this MAC" is only decided for frames that have a source MAC.
 */
record MacMatch(long mac, boolean inv) implements Match {
    private static final int SOURCE_OFFSET = 6;
    private static final int ETH_HLEN = 14;

    @Override
    public boolean matches(PacketContext p) {
        int l2 = p.l2Offset();
        if (l2 < 0 || !p.has(l2, ETH_HLEN)) {
            return false;
        }
        return (p.u48(l2 + SOURCE_OFFSET) == mac) != inv;
    }
}
