package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;

/**
 * A compiled multiport match, as xt_multiport's ports_match_v1: the ports are the first two 16-bit
 * words of the L4 header for every protocol it supports. Later fragments never match; an L4 header
 * shorter than the two ports is hotdropped.
 */
final class MultiportMatch implements HotdroppingMatch {
    static final int SOURCE = 1;
    static final int DEST = 2;
    static final int EITHER = 3;

    private final int[] lo;
    private final int[] hi;
    private final int mode;
    private final boolean inv;

    MultiportMatch(PortList ports, int mode, boolean inv) {
        int n = ports.size();
        lo = new int[n];
        hi = new int[n];
        for (int i = 0; i < n; i++) {
            lo[i] = ports.lo(i);
            hi[i] = ports.hi(i);
        }
        this.mode = mode;
        this.inv = inv;
    }

    @Override
    public boolean matches(PacketContext p) {
        int l4 = XtTransport.header(p, 4);
        if (l4 < 0) {
            return false;
        }
        int s = p.u16(l4);
        int d = p.u16(l4 + 2);
        for (int i = 0; i < lo.length; i++) {
            int a = lo[i];
            int b = hi[i];
            if (((mode & SOURCE) != 0 && s >= a && s <= b) || ((mode & DEST) != 0 && d >= a && d <= b)) {
                return !inv;
            }
        }
        return inv;
    }
}
