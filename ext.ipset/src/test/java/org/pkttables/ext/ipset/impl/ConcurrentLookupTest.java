package org.pkttables.ext.ipset.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.ext.ipset.api.SetContents;
import org.pkttables.ext.ipset.api.SetLookup;

/**
 * Lookups from several workers while a writer adds and deletes other entries (forcing table rebuilds
 * and prefix-list changes): entries that stay are always found, entries never added never are. Runs a
 * fixed amount of work, not for a time.
 */
class ConcurrentLookupTest {
    private static final int READERS = 3;
    private static final int ROUNDS = 40;

    @Test
    void hashIpStaysCorrectUnderChurn() throws Exception {
        check("hash:ip", "");
    }

    @Test
    void hashNetStaysCorrectUnderChurn() throws Exception {
        check("hash:net", "/32");
    }

    private void check(String type, String suffix) throws Exception {
        SetRegistry sets = new SetRegistry(SetRegistry::monotonicMillis);
        sets.create("s", type, List.of("maxelem", "1000000"), false);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4096; i++) {
            sb.append("add s 10.0.").append(i >> 8).append('.').append(i & 255).append(suffix).append('\n');
        }
        sets.restore(sb.toString(), false);
        SetSlot slot = sets.slot("s");
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong wrong = new AtomicLong();
        AtomicLong lookups = new AtomicLong();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            int worker = r;
            Thread t = new Thread(() -> {
                PacketContext p = new PacketContext(worker);
                byte[] pkt = new byte[20];
                SetLookup spec = SetLookup.of(1, 1);
                int n = 0;
                while (!done.get() || n < 10_000) {
                    int i = n++ & 4095;
                    boolean stable = (n & 1) == 0;
                    ipv4(pkt, stable ? 10 : 11, 0, i >> 8, i & 255);
                    p.reset(pkt, 0, pkt.length);
                    p.setL3(0, 0x0800);
                    p.setFamily(Family.IPV4);
                    int res = slot.contents().lookup(p, spec);
                    if (res != (stable ? SetContents.MATCH : SetContents.MISS)) {
                        wrong.incrementAndGet();
                    }
                }
                lookups.addAndGet(n);
            });
            t.start();
            readers.add(t);
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < 2000; i++) {
                sets.add("s", List.of("12." + round + "." + (i >> 8) + "." + (i & 255) + (i % 3 == 0 ? "/24" : "")),
                        true);
            }
            for (int i = 0; i < 2000; i++) {
                sets.del("s", "12." + round + "." + (i >> 8) + "." + (i & 255) + (i % 3 == 0 ? "/24" : ""), true);
            }
        }
        done.set(true);
        for (Thread t : readers) {
            t.join();
        }
        assertEquals(0, wrong.get(), "wrong answers out of " + lookups.get() + " lookups");
    }

    private static void ipv4(byte[] pkt, int a, int b, int c, int d) {
        pkt[0] = 0x45;
        pkt[12] = (byte) a;
        pkt[13] = (byte) b;
        pkt[14] = (byte) c;
        pkt[15] = (byte) d;
    }
}
