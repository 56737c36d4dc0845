package org.pkttables.ext.matches.impl;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.StatefulMatch;

/**
 * A compiled limit match: the kernel's token bucket (burst tokens, one back every {@code interval})
 * written as the equivalent virtual-scheduling algorithm (GCRA) so that the whole state is one
 * {@link AtomicLong}: the theoretical arrival time of the next conforming packet. A packet conforms when
 * that time is at most {@code (burst - 1) * interval} ahead of now; it then moves the time on by one
 * interval with a CAS. Lock-free, allocation-free, shared by all workers.
 *
 * <p>The bucket starts full, as in the kernel, and is per compiled rule: replacing the ruleset
 * refills it (iptables-restore does the same).
 */
final class LimitMatch implements StatefulMatch {
    private final long interval;
    private final long tolerance;
    private final LongSupplier clock;
    private final long origin;
    private final AtomicLong tat = new AtomicLong();

    LimitMatch(long intervalNanos, int burst, LongSupplier clock) {
        this.interval = intervalNanos;
        this.tolerance = (burst - 1) * intervalNanos;
        this.clock = clock;
        // Times are kept relative to the creation of the match, so they start at 0 and only grow.
        this.origin = clock.getAsLong();
    }

    @Override
    public boolean matches(PacketContext p) {
        long now = clock.getAsLong() - origin;
        for (;;) {
            long t = tat.get();
            long start = Math.max(t, now);
            if (start - now > tolerance) {
                return false;
            }
            if (tat.compareAndSet(t, start + interval)) {
                return true;
            }
        }
    }
}
