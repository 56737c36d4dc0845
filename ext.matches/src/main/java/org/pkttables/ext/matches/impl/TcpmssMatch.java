package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;

/**
 * A compiled tcpmss match, as xt_tcpmss: walks the TCP options for a well-formed MSS option (kind 2,
 * length 4); a packet without one matches only when inverted. A header or options cut short, or a data
 * offset below 5, are hotdropped. Like the kernel, the fragment offset is not looked at.
 */
record TcpmssMatch(NumRange mss, boolean inv) implements HotdroppingMatch {
    @Override
    public boolean matches(PacketContext p) {
        int th = p.l4Offset();
        if (th < 0) {
            return false;
        }
        int doff = (p.u8(th + 12) >>> 4) * 4;
        int optlen = doff - 20;
        int op = th + 20;
        if (!p.has(th, 20) || doff < 20 || !p.has(op, optlen)) {
            p.hotdrop();
            return false;
        }
        for (int i = 0; i < optlen;) {
            int kind = p.u8(op + i);
            if (kind == 2 && optlen - i >= 4 && p.u8(op + i + 1) == 4) {
                return mss.contains(p.u16(op + i + 2)) != inv;
            }
            if (kind < 2) {
                i++;
            } else {
                int l = i + 1 < optlen ? p.u8(op + i + 1) : 0;
                i += l == 0 ? 1 : l;
            }
        }
        return inv;
    }
}
