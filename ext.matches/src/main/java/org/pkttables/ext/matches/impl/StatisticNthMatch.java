package org.pkttables.ext.matches.impl;

import java.util.concurrent.atomic.AtomicInteger;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.StatefulMatch;

/**
 * A compiled {@code statistic --mode nth}, the kernel's counter exactly: {@code every} is n-1, the
 * counter starts at {@code every - packet}, each packet moves it on (wrapping after {@code every}) with
 * a CAS, and the packet that moves it to 0 matches (xt_statistic: {@code if (nval == 0) ret = !ret}). So
 * {@code --every 3 --packet 0} matches packets 1, 4, 7, ... and {@code --every 3 --packet 1} packets 2,
 * 5, 8, ... (checked against the kernel by e2e KernelDifferentialIT). Lock-free and shared by all workers.
 */
final class StatisticNthMatch implements StatefulMatch {
    private final int every;
    private final boolean inv;
    private final AtomicInteger count;

    StatisticNthMatch(int every, int packet, boolean inv) {
        this.every = every;
        this.inv = inv;
        this.count = new AtomicInteger(every - packet);
    }

    @Override
    public boolean matches(PacketContext p) {
        int o;
        int n;
        do {
            o = count.get();
            n = o == every ? 0 : o + 1;
        } while (!count.compareAndSet(o, n));
        return (n == 0) != inv;
    }
}
