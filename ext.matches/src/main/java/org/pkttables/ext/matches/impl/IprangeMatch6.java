package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/** A compiled IPv6 iprange match: 128-bit addresses as two unsigned longs. */
final class IprangeMatch6 implements Match {
    private final long sFromHi;
    private final long sFromLo;
    private final long sToHi;
    private final long sToLo;
    private final boolean sInv;
    private final long dFromHi;
    private final long dFromLo;
    private final long dToHi;
    private final long dToLo;
    private final boolean dInv;

    IprangeMatch6(IpRange s, boolean sInv, IpRange d, boolean dInv) {
        sFromHi = s.fromHi();
        sFromLo = s.fromLo();
        sToHi = s.toHi();
        sToLo = s.toLo();
        this.sInv = sInv;
        dFromHi = d.fromHi();
        dFromLo = d.fromLo();
        dToHi = d.toHi();
        dToLo = d.toLo();
        this.dInv = dInv;
    }

    @Override
    public boolean matches(PacketContext p) {
        int l3 = p.l3Offset();
        if (l3 < 0 || !p.has(l3, 40)) {
            return false;
        }
        return inRange(p, l3 + 8, sFromHi, sFromLo, sToHi, sToLo) != sInv
                && inRange(p, l3 + 24, dFromHi, dFromLo, dToHi, dToLo) != dInv;
    }

    private static boolean inRange(PacketContext p, int at, long fromHi, long fromLo, long toHi, long toLo) {
        long hi = p.u32(at) << 32 | p.u32(at + 4);
        long lo = p.u32(at + 8) << 32 | p.u32(at + 12);
        return compare(hi, lo, fromHi, fromLo) >= 0 && compare(hi, lo, toHi, toLo) <= 0;
    }

    private static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }
}
