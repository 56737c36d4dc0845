package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/** A compiled IPv4 iprange match; addresses as unsigned longs, compared as xt_iprange does. */
final class IprangeMatch4 implements Match {
    private final long sFrom;
    private final long sTo;
    private final boolean sInv;
    private final long dFrom;
    private final long dTo;
    private final boolean dInv;

    IprangeMatch4(IpRange s, boolean sInv, IpRange d, boolean dInv) {
        this.sFrom = s.fromLo();
        this.sTo = s.toLo();
        this.sInv = sInv;
        this.dFrom = d.fromLo();
        this.dTo = d.toLo();
        this.dInv = dInv;
    }

    @Override
    public boolean matches(PacketContext p) {
        int l3 = p.l3Offset();
        long src = p.u32(l3 + 12);
        long dst = p.u32(l3 + 16);
        if (l3 < 0 || src < 0 || dst < 0) {
            return false;
        }
        return (src >= sFrom && src <= sTo) != sInv && (dst >= dFrom && dst <= dTo) != dInv;
    }
}
