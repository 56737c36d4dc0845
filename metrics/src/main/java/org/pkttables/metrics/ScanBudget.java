package org.pkttables.metrics;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Keeps the CPU a scrape may spend on a whole-table walk (the conntrack table's per-state counts visit
 * every slot: 2^18 of them by default) to about one percent of one core, however often the endpoint is
 * scraped: a walk that took {@code d} is reused for {@code max(minAge, d × 100)} before the next walk
 * (a Prometheus server scraping every 15 s always gets a fresh walk; a scraper hammering every 100 ms
 * gets one a second). A different source (conntrack redeployed) walks again at once.
 */
final class ScanBudget<T> {
    /** The walk may take this share of the time between walks (1/100). */
    static final int RATIO = 100;

    private final long minAgeNanos;
    private final LongSupplier clock;
    private Object source;
    private T last;
    private long takenAt;
    private long reuseNanos;

    ScanBudget(long minAgeNanos, LongSupplier clock) {
        this.minAgeNanos = minAgeNanos;
        this.clock = clock;
    }

    /** The last walk of {@code source} while it is young enough, else a new one ({@code walk}). */
    synchronized T get(Object source, Supplier<T> walk) {
        long now = clock.getAsLong();
        if (last != null && source == this.source && now - takenAt < reuseNanos) {
            return last;
        }
        T fresh = walk.get();
        long end = clock.getAsLong();
        this.source = source;
        this.last = fresh;
        this.takenAt = end;
        this.reuseNanos = Math.max(minAgeNanos, (end - now) * RATIO);
        return fresh;
    }
}
