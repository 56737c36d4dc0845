package org.pkttables.conntrack.impl.match;

import org.pkttables.conntrack.impl.CtView;

/**
 * The connections one connlimit rule has seen, grouped by masked address (nf_conncount's role): each
 * record is (key, conntrack entry id). Counting a key drops the records of connections that are gone,
 * so the count is of live connections. Records are spread over {@link #STRIPES} stripes by key, each
 * with its own lock and a fixed number of records allocated up front; when a stripe is full even after
 * dropping dead records, a new connection is counted for this packet but not remembered.
 */
final class ConnlimitCounter {
    static final int STRIPES = 16;
    static final int PER_STRIPE = 1024;

    private final Stripe[] stripes = new Stripe[STRIPES];

    ConnlimitCounter() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /** Live connections of {@code key} including the packet's ({@code id}), remembering it if new. */
    int count(long hi, long lo, long id, CtView ct) {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo * 0xC2B2AE3D27D4EB4FL;
        Stripe s = stripes[(int) (h ^ (h >>> 32) ^ (h >>> 17)) & (STRIPES - 1)];
        synchronized (s) {
            return s.count(hi, lo, id, ct);
        }
    }

    private static final class Stripe {
        final long[] hi = new long[PER_STRIPE];
        final long[] lo = new long[PER_STRIPE];
        final long[] ids = new long[PER_STRIPE];
        int used;

        int count(long h, long l, long id, CtView ct) {
            int n = 0;
            boolean seen = false;
            for (int i = 0; i < used; i++) {
                if (!ct.counts(ids[i])) {
                    // Gone: move the last record here and look at slot i again.
                    used--;
                    hi[i] = hi[used];
                    lo[i] = lo[used];
                    ids[i] = ids[used];
                    i--;
                    continue;
                }
                if (hi[i] == h && lo[i] == l) {
                    n++;
                    seen |= ids[i] == id;
                }
            }
            if (!seen) {
                n++;
                if (used < PER_STRIPE) {
                    hi[used] = h;
                    lo[used] = l;
                    ids[used] = id;
                    used++;
                }
            }
            return n;
        }
    }
}
