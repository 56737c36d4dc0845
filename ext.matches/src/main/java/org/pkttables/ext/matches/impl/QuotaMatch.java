package org.pkttables.ext.matches.impl;

import java.util.concurrent.atomic.AtomicLong;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.StatefulMatch;

/**
 * A compiled quota match, as xt_quota: while the remaining budget covers the packet's IP length, the
 * length is taken off and the packet matches; the first packet that does not fit empties the budget
 * for good. The budget is one AtomicLong (unsigned) updated by CAS: lock-free, shared by all workers.
 * Per compiled rule: replacing the ruleset restores the budget (the kernel does the same on restore).
 */
final class QuotaMatch implements StatefulMatch {
    private final AtomicLong left;
    private final boolean inv;

    QuotaMatch(long quota, boolean inv) {
        this.left = new AtomicLong(quota);
        this.inv = inv;
    }

    @Override
    public boolean matches(PacketContext p) {
        long len = ipLength(p);
        for (;;) {
            long q = left.get();
            boolean fits = Long.compareUnsigned(q, len) >= 0;
            long next = fits ? q - len : 0;
            if (q == next || left.compareAndSet(q, next)) {
                return fits != inv;
            }
        }
    }

    /** The kernel's skb->len at the IP hooks: the IP packet without link-layer header or padding. */
    private static long ipLength(PacketContext p) {
        int l3 = p.l3Offset();
        int v = l3 < 0 ? -1 : p.u8(l3);
        if (v >> 4 == 4) {
            int tl = p.u16(l3 + 2);
            if (tl >= 0) {
                return Math.min(tl, p.end() - l3);
            }
        } else if (v >> 4 == 6) {
            int pl = p.u16(l3 + 4);
            if (pl > 0) {
                return Math.min(40 + pl, p.end() - l3);
            }
        }
        return l3 < 0 ? p.length() : p.end() - l3;
    }
}
