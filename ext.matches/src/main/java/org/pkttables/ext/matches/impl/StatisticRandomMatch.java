package org.pkttables.ext.matches.impl;

import java.util.concurrent.ThreadLocalRandom;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/**
 * A compiled {@code statistic --mode random}: as the kernel, a 31-bit random number below
 * {@code probability * 2^31}. ThreadLocalRandom: no allocation, no contention between workers.
 */
record StatisticRandomMatch(long threshold, boolean inv) implements Match {
    @Override
    public boolean matches(PacketContext p) {
        return ((ThreadLocalRandom.current().nextInt() & 0x7fffffff) < threshold) != inv;
    }
}
