package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.tables.testing.Packets;

/** hashlimit: one bucket per key, with a fake clock. */
class HashlimitMatchTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(987_654_321L);
    private final HashlimitMatchType type = new HashlimitMatchType(now::get);

    private static PacketContext from(int srcLastByte, int dport) {
        byte[] f = Packets.ipv4(17, Packets.udp(1000, dport));
        f[Packets.ETH + 15] = (byte) srcLastByte;
        return Packets.ctx4(f);
    }

    private static int passed(Match m, PacketContext p, int n) {
        int k = 0;
        for (int i = 0; i < n; i++) {
            k += m.matches(p) ? 1 : 0;
        }
        return k;
    }

    @Test
    void eachSourceHasItsOwnBucket() {
        Match m = Compiled.v4(type, "--hashlimit-upto 1/sec --hashlimit-burst 3 --hashlimit-mode srcip --hashlimit-name t");
        assertEquals(3, passed(m, from(1, 53), 10));
        assertEquals(3, passed(m, from(2, 53), 10), "another source is not limited by the first");
        assertFalse(m.matches(from(1, 53)));
        now.addAndGet(SECOND);
        assertTrue(m.matches(from(1, 53)), "one token back after a second");
        assertFalse(m.matches(from(1, 53)));
    }

    @Test
    void maskGroupsSourcesOfOneNetwork() {
        Match m = Compiled.v4(type, "--hashlimit-upto 1/hour --hashlimit-burst 2 --hashlimit-mode srcip "
                + "--hashlimit-srcmask 24 --hashlimit-name t");
        assertTrue(m.matches(from(1, 53)));
        assertTrue(m.matches(from(2, 53)));
        assertFalse(m.matches(from(3, 53)), "10.0.0.0/24 shares one bucket of 2");
    }

    @Test
    void withoutModeAllPacketsShareOneBucketAndPortsSplitWhenAsked() {
        Match all = Compiled.v4(type, "--hashlimit-upto 1/hour --hashlimit-burst 1 --hashlimit-name t");
        assertTrue(all.matches(from(1, 53)));
        assertFalse(all.matches(from(2, 80)));
        Match ports = Compiled.v4(type, "--hashlimit-upto 1/hour --hashlimit-burst 1 --hashlimit-mode dstport --hashlimit-name t");
        assertTrue(ports.matches(from(1, 53)));
        assertTrue(ports.matches(from(1, 80)));
        assertFalse(ports.matches(from(2, 80)));
    }

    @Test
    void aboveMatchesOnceTheRateIsExceeded() {
        Match m = Compiled.v4(type, "--hashlimit-above 1/sec --hashlimit-burst 2 --hashlimit-name t");
        assertEquals(".. x x", (m.matches(from(1, 1)) ? "x" : ".") + (m.matches(from(1, 1)) ? "x" : ".") + " "
                + (m.matches(from(1, 1)) ? "x" : ".") + " " + (m.matches(from(1, 1)) ? "x" : "."));
    }

    @Test
    void idleKeyExpiresToAFullBucket() {
        // 1/hour with a 2 s expire: the kernel forgets the key after 2 s, so it starts full again.
        Match m = Compiled.v4(type, "--hashlimit-upto 1/hour --hashlimit-burst 1 --hashlimit-name t "
                + "--hashlimit-htable-expire 2000");
        assertTrue(m.matches(from(1, 1)));
        now.addAndGet(SECOND);
        assertFalse(m.matches(from(1, 1)));
        now.addAndGet(2 * SECOND + 1);
        assertTrue(m.matches(from(1, 1)));
    }

    @Test
    void fullTableReusesExpiredSlotsOnly() {
        Match m = Compiled.v4(type, "--hashlimit-upto 1/sec --hashlimit-burst 1 --hashlimit-mode srcip,dstport "
                + "--hashlimit-name t --hashlimit-htable-max 1");
        int ok = 0;
        for (int port = 1; port <= 2000; port++) {
            ok += m.matches(from(1, port)) ? 1 : 0;
        }
        assertTrue(ok < 2000, "a bounded table refuses keys beyond its capacity");
        now.addAndGet(2 * SECOND);
        assertTrue(m.matches(from(9, 9)), "expired keys make room");
    }

    @Test
    void ipv6SourcesWithMask() {
        Match m = Compiled.v6(type, "--hashlimit-upto 1/hour --hashlimit-burst 1 --hashlimit-mode srcip "
                + "--hashlimit-srcmask 64 --hashlimit-name t");
        byte[] a = Packets.ipv6(17, Packets.udp(1, 2));
        byte[] b = a.clone();
        b[Packets.ETH + 23] = 7;
        byte[] c = a.clone();
        c[Packets.ETH + 15] = 7;
        assertTrue(m.matches(Packets.ctx6(a)));
        assertFalse(m.matches(Packets.ctx6(b)), "same /64");
        assertTrue(m.matches(Packets.ctx6(c)), "another /64");
    }

    @Test
    void badValuesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Compiled.v4(type, "--hashlimit-upto 1kb/s --hashlimit-name t"));
        assertTrue(e.getMessage().contains("1kb/s"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Compiled.v4(type, "--hashlimit-upto 1/sec --hashlimit-name t --hashlimit-srcmask 33"));
        assertTrue(e.getMessage().contains("33"), e.getMessage());
    }
}
