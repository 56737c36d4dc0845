package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/**
 * A compiled IPv6 ah match, as ah_mt6: the AH header anywhere in the extension chain; length 0 means
 * "not tested" (as in the kernel); {@code --ahres} wants the reserved field zero.
 */
final class Ah6Match implements Match {
    private final long spiLo;
    private final long spiHi;
    private final boolean spiInv;
    private final long len;
    private final boolean lenInv;
    private final boolean res;

    Ah6Match(NumRange spis, boolean spiInv, long len, boolean lenInv, boolean res) {
        this.spiLo = spis.lo();
        this.spiHi = spis.hi();
        this.spiInv = spiInv;
        this.len = len;
        this.lenInv = lenInv;
        this.res = res;
    }

    @Override
    public boolean mayHotdrop() {
        return true;
    }

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
        if ((spi >= spiLo && spi <= spiHi) == spiInv) {
            return false;
        }
        int hdrlen = (p.u8(ah + 1) + 2) * 4;
        if (len != 0 && (len == hdrlen) == lenInv) {
            return false;
        }
        return !(res && p.u16(ah + 2) != 0);
    }
}
