package org.pkttables.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ScanBudgetTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ScanBudget<Integer> budget = new ScanBudget<>(1_000_000_000L, now::get);
    private final AtomicInteger walks = new AtomicInteger();
    private final Object source = new Object();

    /** A walk that takes {@code nanos} on the fake clock and answers how many walks there were. */
    private Integer walk(long nanos) {
        now.addAndGet(nanos);
        return walks.incrementAndGet();
    }

    @Test
    void aCheapWalkIsReusedForTheMinimumAgeThenRepeated() {
        assertEquals(1, budget.get(source, () -> walk(1_000_000)));
        now.addAndGet(999_999_999L);
        assertEquals(1, budget.get(source, () -> walk(1_000_000)), "younger than 1 s: reused");
        now.addAndGet(1);
        assertEquals(2, budget.get(source, () -> walk(1_000_000)), "1 s old: walked again");
    }

    @Test
    void aDearWalkIsReusedHundredTimesItsDuration() {
        assertEquals(1, budget.get(source, () -> walk(30_000_000)));
        now.addAndGet(2_999_999_999L);
        assertEquals(1, budget.get(source, () -> walk(30_000_000)), "a 30 ms walk is kept 3 s");
        now.addAndGet(1);
        assertEquals(2, budget.get(source, () -> walk(30_000_000)));
    }

    @Test
    void anotherSourceWalksAtOnce() {
        assertEquals(1, budget.get(source, () -> walk(1_000)));
        assertEquals(2, budget.get(new Object(), () -> walk(1_000)), "conntrack redeployed: a new table");
    }
}
