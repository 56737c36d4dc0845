package org.pkttables.io.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FdbTest {
    private static final long S = 1_000_000_000L;

    @Test
    void learnsLooksUpMovesAndAges() {
        Fdb fdb = new Fdb(64, 300 * S);
        long a = 0x020000000001L;
        long b = 0x020000000002L;
        assertEquals(-1, fdb.lookup(a, 0));
        fdb.learn(a, 1, 10 * S);
        fdb.learn(b, 0, 10 * S);
        assertEquals(1, fdb.lookup(a, 11 * S));
        assertEquals(0, fdb.lookup(b, 11 * S));
        fdb.learn(a, 2, 20 * S);
        assertEquals(2, fdb.lookup(a, 21 * S), "an address that moved follows its new port");
        assertEquals(2, fdb.size(21 * S));
        assertEquals(-1, fdb.lookup(b, 311 * S), "aged out after 300 s without a frame");
        assertEquals(2, fdb.lookup(a, 311 * S));
        assertEquals(1, fdb.size(311 * S));
    }

    @Test
    void aFullTableForgetsTheLeastRecentlySeen() {
        Fdb fdb = new Fdb(8, 300 * S);
        for (int i = 0; i < 8; i++) {
            fdb.learn(0x020000000100L + i, i % 3, (i + 1) * S);
        }
        fdb.learn(0x0200000001ffL, 2, 100 * S);
        assertEquals(2, fdb.lookup(0x0200000001ffL, 100 * S));
        assertEquals(8, fdb.size(100 * S));
    }

    @Test
    void macReadsSixBytes() {
        byte[] f = {(byte) 0xff, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7};
        assertEquals(0x020304050607L, Fdb.mac(f, 6));
        assertEquals(0xff0000000001L, Fdb.mac(f, 0));
    }
}
