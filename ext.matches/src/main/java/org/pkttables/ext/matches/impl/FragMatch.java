package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;

/**
 * A compiled frag match, as the kernel's frag_mt6: the packet must carry a fragment header; then the
 * id range, reserved bits zero ({@code --fragres}), first/more/last tests. A header chain cut short never matches.
 */
record FragMatch(NumRange ids, boolean idInv, boolean res, boolean first, boolean more, boolean last)
        implements HotdroppingMatch {
    private static final int MF = 1;

    @Override
    public boolean matches(PacketContext p) {
        int fh = Ipv6Headers.find(p, Ipv6Headers.FRAGMENT);
        if (fh == Ipv6Headers.NOT_FOUND) {
            return false;
        }
        if (fh < 0 || !p.has(fh, 8)) {
            p.hotdrop(); // frag_mt6: the chain or the header cannot be read
            return false;
        }
        long id = p.u32(fh + 4);
        int off = p.u16(fh + 2);
        if (ids.contains(id) == idInv) {
            return false;
        }
        if (res && (p.u8(fh + 1) != 0 || (off & 0x6) != 0)) {
            return false;
        }
        if (first && (off & ~0x7) != 0) {
            return false;
        }
        if (more && (off & MF) == 0) {
            return false;
        }
        return !(last && (off & MF) != 0);
    }
}
