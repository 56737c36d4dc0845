package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;

/**
 * A compiled esp match, or an IPv4 ah match: the SPI of the header at the transport offset, as
 * xt_esp/ipt_ah. Later fragments never match; a header shorter than the kernel's struct (8 bytes for
 * ESP, 12 for AH) is hotdropped. {@code spiAt} is the SPI's offset inside the header (0 in ESP, 4 in AH).
 */
record SpiMatch(int proto, int spiAt, NumRange spis, boolean inv) implements HotdroppingMatch {
    @Override
    public boolean matches(PacketContext p) {
        int h = XtTransport.header(p, proto, spiAt + 8);
        if (h < 0) {
            return false;
        }
        long spi = p.u32(h + spiAt);
        return spis.contains(spi) != inv;
    }
}
