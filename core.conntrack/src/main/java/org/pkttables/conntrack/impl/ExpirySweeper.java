package org.pkttables.conntrack.impl;

import java.util.function.LongSupplier;

import org.pkttables.conntrack.impl.helper.ExpectationTable;

/**
 * The sweeping collector (the kernel's gc_worker): no timer per entry; each call walks the next buckets
 * from where the last one stopped and removes the expired entries (and expired expectations), a bucket's
 * whole chain under one lock hold. The component calls it once a second from its "conntrack-gc" thread;
 * tests call it with an injected clock.
 */
final class ExpirySweeper {
    private final ConntrackTable table;
    private final ConntrackRemoval removal;
    private final ExpectationTable expectations;
    private final LongSupplier clock;
    /** The next bucket to sweep; only the sweeping thread moves it. */
    private int cursor;

    ExpirySweeper(ConntrackTable table, ConntrackRemoval removal, ExpectationTable expectations,
            LongSupplier clock) {
        this.table = table;
        this.removal = removal;
        this.expectations = expectations;
        this.clock = clock;
    }

    /** Sweeps {@code buckets} buckets from where the last sweep stopped; returns how many entries died. */
    int expire(int buckets) {
        long now = clock.getAsLong();
        int n = 0;
        int total = table.buckets();
        ConntrackRemoval.Batch r = removal.new Batch();
        for (int i = 0; i < Math.min(buckets, total); i++) {
            int b = cursor;
            cursor = (cursor + 1) & table.bucketMask;
            if (table.head[b] != 0) {
                n += removal.removeWhere(b, b + 1, now, FilterMatcher.EXPIRED, r);
            }
        }
        if (!expectations.isEmpty()) {
            expectations.expire(now);
        }
        return n;
    }
}
