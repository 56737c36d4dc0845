package org.pkttables.conntrack.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.tables.testing.Frames.ACK;
import static org.pkttables.tables.testing.Frames.SYN;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pkttables.conntrack.ConntrackEvent;
import org.pkttables.conntrack.ConntrackFilter;
import org.pkttables.conntrack.CtState;
import org.pkttables.conntrack.CtStatus;
import org.pkttables.tables.testing.Frames;

class ConntrackTableTest {
    private final AtomicLong now = new AtomicLong(1_000_000);

    @Test
    void hashIsSymmetricAndSeeded() {
        ConntrackTable a = new ConntrackTable(1024, 1);
        ConntrackTable b = new ConntrackTable(1024, 2);
        Random r = new Random(3);
        int differ = 0;
        for (int i = 0; i < 10_000; i++) {
            long x = r.nextInt() & 0xffffffffL;
            long y = r.nextInt() & 0xffffffffL;
            int p = r.nextInt(65536);
            int q = r.nextInt(65536);
            int m = PacketTuple.meta(false, 6, 0, 0);
            assertEquals(a.hash(0, x, p, 0, y, q, m), a.hash(0, y, q, 0, x, p, m));
            if (a.hash(0, x, p, 0, y, q, m) != b.hash(0, x, p, 0, y, q, m)) {
                differ++;
            }
        }
        assertTrue(differ > 9_900, "another seed gives other hashes: " + differ);
    }

    @Test
    void oneEntryFoundFromEitherDirection() {
        ConntrackEngine e = new ConntrackEngine(64, 9, now::get);
        Seg.feed(e, Seg.tcp("10.0.0.1", "10.0.0.2", 1000, 80, SYN, 1, 0, 1000, 0));
        Seg.feed(e, Seg.tcp("10.0.0.2", "10.0.0.1", 80, 1000, SYN | ACK, 9, 2, 1000, 0));
        assertEquals(1, e.count());
        var a = e.lookup(6, addr("10.0.0.1"), addr("10.0.0.2"), 1000, 80);
        var b = e.lookup(6, addr("10.0.0.2"), addr("10.0.0.1"), 80, 1000);
        assertTrue(a.isPresent());
        assertEquals(a.get().id(), b.get().id());
        assertTrue(e.lookup(6, addr("10.0.0.2"), addr("10.0.0.1"), 1000, 80).isEmpty());
    }

    private static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void establish(ConntrackEngine e, String client, int port) {
        Seg.feed(e, Seg.tcp(client, "10.9.0.1", port, 80, SYN, 100, 0, 1000, 0));
        Seg.feed(e, Seg.tcp("10.9.0.1", client, 80, port, SYN | ACK, 500, 101, 1000, 0));
        CtView v = Seg.feed(e, Seg.tcp(client, "10.9.0.1", port, 80, ACK, 101, 501, 1000, 0));
        assertTrue((v.status() & CtStatus.ASSURED) != 0);
    }

    @Test
    void earlyDropWhenFullKeepsAssuredFlows() {
        ConntrackEngine e = new ConntrackEngine(64, 11, now::get);
        for (int i = 0; i < 32; i++) {
            establish(e, "10.1.0." + (i + 1), 20000 + i);
        }
        // a SYN flood from random sources fills the rest and keeps coming
        int accepted = 0;
        for (int i = 0; i < 1000; i++) {
            CtView v = Seg.feed(e, Seg.tcp("172.16." + (i / 250) + "." + (i % 250 + 1), "10.9.0.1", 1024 + i, 80,
                    SYN, i, 0, 1000, 0));
            if (v.state() == CtState.NEW) {
                accepted++;
            }
        }
        assertEquals(64, e.count());
        assertEquals(1000, accepted, "new flows are not refused: unreplied ones make room");
        List<?> assured = e.list(ConntrackFilter.ALL.withStatus(CtStatus.ASSURED, 0));
        assertEquals(32, assured.size(), "every established flow survived the flood");
        assertTrue(e.stats().earlyDrop() >= 1000 - 32);
    }

    @Test
    void fullOfAssuredFlowsRefusesTheNewOne() {
        ConntrackEngine e = new ConntrackEngine(16, 12, now::get);
        for (int i = 0; i < 16; i++) {
            establish(e, "10.2.0." + (i + 1), 30000 + i);
        }
        var p = Seg.context(new org.pkttables.api.PacketContext(0),
                Seg.tcp("10.3.0.1", "10.9.0.1", 1, 80, SYN, 1, 0, 100, 0), org.pkttables.api.Hook.PREROUTING);
        assertEquals(org.pkttables.api.Verdict.DROP, e.track(p));
        assertEquals(16, e.count());
        assertEquals(1, e.stats().drop());
    }

    @Test
    void selectiveFlushOfUnrepliedUdp() {
        ConntrackEngine e = new ConntrackEngine(1024, 13, now::get);
        List<ConntrackEvent> events = new ArrayList<>();
        e.addListener(events::add);
        for (int i = 0; i < 50; i++) {
            Seg.feed(e, Frames.ipv4("10.0.1." + (i + 1), "10.0.0.53").udp(4000 + i, 53).build());
        }
        for (int i = 0; i < 10; i++) { // replied ones
            Seg.feed(e, Frames.ipv4("10.0.0.53", "10.0.1." + (i + 1)).udp(53, 4000 + i).build());
        }
        establish(e, "10.0.2.1", 1234);
        assertEquals(51, e.count());
        events.clear();
        int n = e.delete(ConntrackFilter.ALL.withProtocol(17).withStatus(0, CtStatus.SEEN_REPLY));
        assertEquals(40, n);
        assertEquals(11, e.count());
        assertEquals(40, events.stream().filter(ev -> ev.type() == ConntrackEvent.Type.DESTROY).count());
        assertEquals(1, e.flush(en -> en.protocol() == 6));
        assertEquals(10, e.flush());
        assertEquals(0, e.count());
        assertEquals(0, e.table.count(), "every slot back on the free stack");
    }

    @Test
    void eventsForNewUpdateDestroy() {
        ConntrackEngine e = new ConntrackEngine(64, 14, now::get);
        List<ConntrackEvent> events = new ArrayList<>();
        e.addListener(events::add);
        establish(e, "10.0.3.1", 999);
        assertEquals(ConntrackEvent.Type.NEW, events.get(0).type());
        assertEquals("SYN_SENT", events.get(0).entry().state());
        assertTrue(events.stream().anyMatch(ev -> ev.type() == ConntrackEvent.Type.UPDATE
                && ev.entry().hasStatus(CtStatus.ASSURED)));
        e.flush();
        assertEquals(ConntrackEvent.Type.DESTROY, events.get(events.size() - 1).type());
        assertNotEquals(0, events.get(events.size() - 1).entry().origPackets());
    }
}
