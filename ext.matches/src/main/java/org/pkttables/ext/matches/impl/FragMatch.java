package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/**
 * A compiled frag match, as the kernel's frag_mt6: the packet must carry a fragment header; then the
 * id range, reserved bits zero ({@code --fragres}), first/more/last tests. A header chain cut short never matches.
 */
final class FragMatch implements Match {
    private static final int MF = 1;

    private final long idLo;
    private final long idHi;
    private final boolean idInv;
    private final boolean res;
    private final boolean first;
    private final boolean more;
    private final boolean last;

    FragMatch(long idLo, long idHi, boolean idInv, boolean res, boolean first, boolean more, boolean last) {
        this.idLo = idLo;
        this.idHi = idHi;
        this.idInv = idInv;
        this.res = res;
        this.first = first;
        this.more = more;
        this.last = last;
    }

    @Override
    public boolean mayHotdrop() {
        return true;
    }

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
        if (((id >= idLo && id <= idHi) == idInv)) {
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
