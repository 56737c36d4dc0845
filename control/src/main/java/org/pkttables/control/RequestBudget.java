package org.pkttables.control;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes of requests the control socket holds at once, over all connections: a connection takes what
 * actually arrives, piece by piece, and gives it back when its command is done. {@link #peak} is for
 * tests: it never exceeds {@link #limit}.
 */
final class RequestBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    RequestBudget(long limit) {
        this.limit = limit;
    }

    /** Takes {@code n} bytes; false (and nothing taken) when that would exceed the limit. */
    boolean take(long n) {
        while (true) {
            long u = used.get();
            if (u + n > limit) {
                return false;
            }
            if (used.compareAndSet(u, u + n)) {
                peak.accumulateAndGet(u + n, Math::max);
                return true;
            }
        }
    }

    void give(long n) {
        used.addAndGet(-n);
    }

    long limit() {
        return limit;
    }

    long used() {
        return used.get();
    }

    long peak() {
        return peak.get();
    }
}
