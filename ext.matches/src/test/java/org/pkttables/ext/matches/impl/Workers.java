package org.pkttables.ext.matches.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.tables.testing.Packets;

/** Several workers sharing one stateful match, as the appliance's worker threads do. */
final class Workers {
    private Workers() {
    }

    /**
     * Runs {@code threads} threads, each offering {@code perThread} UDP packets (28 IP bytes, a context
     * of its own) to {@code m}, and returns how many matched in all.
     */
    static int matched(Match m, int threads, int perThread) throws InterruptedException {
        AtomicInteger passed = new AtomicInteger();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                PacketContext ctx = Packets.ctx4(Packets.ipv4(17, Packets.udp(1, 2)));
                for (int i = 0; i < perThread; i++) {
                    if (m.matches(ctx)) {
                        passed.incrementAndGet();
                    }
                }
            });
            started.add(th);
            th.start();
        }
        for (Thread th : started) {
            th.join();
        }
        return passed.get();
    }
}
