package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;

/**
 * A compiled IPv6 ah match, as ah_mt6: the AH header anywhere in the extension chain; length 0 means
 * "not tested" (as in the kernel); {@code --ahres} wants the reserved field zero.
 */
record Ah6Match(NumRange spis, boolean spiInv, long len, boolean lenInv, boolean res) implements HotdroppingMatch {
    @Override
    public boolean matches(PacketContext p) {
        int ah = Ipv6Headers.find(p, Ipv6Headers.AUTH);
        if (ah == Ipv6Headers.NOT_FOUND) {
            return false;
        }
        if (ah < 0 || !p.has(ah, 12)) {
            p.hotdrop(); // ah_mt6: the chain or the header cannot be read
            return false;
        }
        long spi = p.u32(ah + 4);
        if (spis.contains(spi) == spiInv) {
            return false;
        }
        int hdrlen = (p.u8(ah + 1) + 2) * 4;
        if (len != 0 && (len == hdrlen) == lenInv) {
            return false;
        }
        return !(res && p.u16(ah + 2) != 0);
    }
}
