package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/**
 * A compiled esp match, or an IPv4 ah match: the SPI of the header at the transport offset, as
 * xt_esp/ipt_ah. Later fragments never match; a header shorter than the kernel's struct (8 bytes for
 * ESP, 12 for AH) is hotdropped. {@code spiAt} is the SPI's offset inside the header (0 in ESP, 4 in AH).
 */
final class SpiMatch implements Match {
    private final int proto;
    private final int spiAt;
    private final long lo;
    private final long hi;
    private final boolean inv;

    SpiMatch(int proto, int spiAt, NumRange spis, boolean inv) {
        this.proto = proto;
        this.spiAt = spiAt;
        this.lo = spis.lo();
        this.hi = spis.hi();
        this.inv = inv;
    }

    @Override
    public boolean mayHotdrop() {
        return true;
    }

    @Override
    public boolean matches(PacketContext p) {
        if (p.l4Proto() != proto) {
            return false;
        }
        int h = XtTransport.header(p, spiAt + 8);
        if (h < 0) {
            return false;
        }
        long spi = p.u32(h + spiAt);
        return (spi >= lo && spi <= hi) != inv;
    }
}
