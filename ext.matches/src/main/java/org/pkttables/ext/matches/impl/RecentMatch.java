package org.pkttables.ext.matches.impl;

import java.util.function.LongSupplier;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.StatefulMatch;

/** A compiled {@code -m recent}: which address, which action, and the shared table it acts on. */
final class RecentMatch implements StatefulMatch {
    final boolean set;
    final boolean update;
    final boolean remove;
    final boolean invert;
    final long secondsNanos;
    final long hitcount;
    final boolean reap;
    final boolean rttl;
    private final boolean rdest;
    private final boolean ipv6;
    private final long maskHi;
    private final long maskLo;
    private final RecentTable table;
    private final LongSupplier clock;

    RecentMatch(char action, boolean invert, long seconds, long hitcount, boolean reap, boolean rttl, boolean rdest,
            RecentMask mask, RecentTable table, LongSupplier clock) {
        this.set = action == 's';
        this.update = action == 'u';
        this.remove = action == 'r';
        this.invert = invert;
        this.secondsNanos = seconds * 1_000_000_000L;
        this.hitcount = hitcount;
        this.reap = reap;
        this.rttl = rttl;
        this.rdest = rdest;
        this.ipv6 = mask.ipv6();
        this.maskHi = mask.hi();
        this.maskLo = mask.lo();
        this.table = table;
        this.clock = clock;
    }

    RecentTable table() {
        return table;
    }

    @Override
    public boolean matches(PacketContext p) {
        int l3 = p.l3Offset();
        long hi;
        long lo;
        int ttl;
        if (ipv6) {
            int a = l3 + (rdest ? 24 : 8);
            long h1 = p.u32(a);
            long h2 = p.u32(a + 4);
            long l1 = p.u32(a + 8);
            long l2 = p.u32(a + 12);
            ttl = p.u8(l3 + 7);
            if (l2 < 0 || h1 < 0 || h2 < 0 || l1 < 0) {
                return false;
            }
            hi = ((h1 << 32) | h2) & maskHi;
            lo = ((l1 << 32) | l2) & maskLo;
        } else {
            long a = p.u32(l3 + (rdest ? 16 : 12));
            ttl = p.u8(l3 + 8);
            if (a < 0) {
                return false;
            }
            hi = 0;
            lo = a & maskLo;
        }
        return table.check(this, ipv6 ? 6 : 4, hi, lo, ttl, clock.getAsLong());
    }
}
