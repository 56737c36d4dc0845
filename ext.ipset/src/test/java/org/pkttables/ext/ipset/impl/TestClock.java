package org.pkttables.ext.ipset.impl;

import java.util.function.LongSupplier;

/** A clock the test moves by hand (milliseconds), so timeouts need no waiting. */
final class TestClock implements LongSupplier {
    private long now = 1_000_000;

    @Override
    public long getAsLong() {
        return now;
    }

    void advanceSeconds(double s) {
        now += (long) (s * 1000);
    }

    void advanceMillis(long ms) {
        now += ms;
    }
}
