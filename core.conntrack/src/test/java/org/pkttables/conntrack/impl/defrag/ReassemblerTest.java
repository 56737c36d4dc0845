package org.pkttables.conntrack.impl.defrag;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.conntrack.impl.defrag.FragFrames.frag4;
import static org.pkttables.conntrack.impl.defrag.FragFrames.frag6;
import static org.pkttables.conntrack.impl.defrag.FragFrames.udp4;
import static org.pkttables.conntrack.impl.defrag.FragFrames.udp6;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;

/** Reassembly as the kernel does it: order, duplicates, overlaps, lengths, timeout, the memory bound, IPv6 chains. */
class ReassemblerTest {
    private static final long SECOND = 1_000_000_000L;
    private final Ipv4Handler v4 = new Ipv4Handler();
    private final Ipv6Handler v6 = new Ipv6Handler();
    private final PacketContext p = new PacketContext();
    private final DefragStats stats = new DefragStats();
    private FragmentStore store = new FragmentStore(DefragHook.HIGH_THRESH);
    private Reassembler r4 = new Reassembler(false, store, stats, 30 * SECOND);
    private final Reassembler r6 = new Reassembler(true, new FragmentStore(DefragHook.HIGH_THRESH), stats, 30 * SECOND);

    private int add4(byte[] frame, long now) {
        p.reset(frame, 0, frame.length);
        p.setL2(0);
        p.setFamily(Family.IPV4);
        assertTrue(v4.parse(p, 14));
        assertTrue(p.isFragment());
        return r4.add(p, now);
    }

    private int add6(byte[] frame, long now) {
        p.reset(frame, 0, frame.length);
        p.setL2(0);
        p.setFamily(Family.IPV6);
        assertTrue(v6.parse(p, 14));
        assertTrue(p.isFragment());
        return r6.add(p, now);
    }

    /** The reassembled datagram, without its link-layer header. */
    private static byte[] ip(Reassembler r) {
        return Arrays.copyOfRange(r.out, r.outL3, r.outLen);
    }

    @Test
    void inOrderFragmentsGiveTheDatagramBack() {
        byte[] ip = udp4(0xc0000201, 0x0a000001, 4711, 4000);
        assertEquals(Reassembler.HELD, add4(frag4(ip, 0, 1480, true, false), 0));
        assertEquals(Reassembler.HELD, add4(frag4(ip, 1480, 1480, true, false), 0));
        assertEquals(Reassembler.COMPLETE, add4(frag4(ip, 2960, ip.length - 20 - 2960, false, false), 0));
        assertArrayEquals(ip, ip(r4));
        assertEquals(14, r4.outL3);
        assertEquals(1500, r4.outMaxSize);
        assertEquals(1, stats.oks.sum());
        assertEquals(3, stats.reqds.sum());
        assertEquals(0, store.memory(), "blocks go back when the datagram is whole");
        assertEquals(0, r4.active());
    }

    @Test
    void outOfOrderAndDuplicateFragments() {
        byte[] ip = udp4(0xc0000201, 0x0a000001, 9, 3000);
        byte[] first = frag4(ip, 0, 1000, true, false);
        byte[] mid = frag4(ip, 1000, 1000, true, false);
        assertEquals(Reassembler.HELD, add4(frag4(ip, 2000, ip.length - 20 - 2000, false, false), 0));
        assertEquals(Reassembler.HELD, add4(mid, 0));
        assertEquals(Reassembler.DROPPED, add4(mid, 0), "a duplicate is dropped alone");
        assertEquals(Reassembler.COMPLETE, add4(first, 0));
        assertArrayEquals(ip, ip(r4));
        assertEquals(0, stats.fails.sum());
        // the DF bit stays only when the largest fragment had it
        assertEquals(0, r4.out[14 + 6]);
    }

    @Test
    void anOverlapDropsTheWholeDatagram() {
        byte[] ip = udp4(0xc0000201, 0x0a000001, 77, 3000);
        assertEquals(Reassembler.HELD, add4(frag4(ip, 0, 1000, true, false), 0));
        assertEquals(Reassembler.DROPPED, add4(frag4(ip, 992, 1000, true, false), 0));
        assertEquals(1, stats.overlaps.sum());
        assertEquals(1, stats.fails.sum());
        assertEquals(0, r4.active(), "the datagram is gone");
        // the rest starts a new datagram, which never completes without its first part
        assertEquals(Reassembler.HELD, add4(frag4(ip, 1000, 1000, true, false), 0));
        assertEquals(Reassembler.HELD, add4(frag4(ip, 2000, ip.length - 20 - 2000, false, false), 0));
        assertEquals(0, stats.oks.sum());
    }

    @Test
    void inconsistentLengthsKillTheDatagram() {
        byte[] ip = udp4(0xc0000201, 0x0a000001, 78, 3000);
        assertEquals(Reassembler.HELD, add4(frag4(ip, 2000, 1008, false, false), 0));
        // a second last fragment with another end, then data beyond the end
        assertEquals(Reassembler.DROPPED, add4(frag4(ip, 1000, 500, false, false), 0));
        assertEquals(1, stats.fails.sum());
        assertEquals(Reassembler.HELD, add4(frag4(ip, 2000, 1000, false, false), 0));
        assertEquals(Reassembler.DROPPED, add4(frag4(ip, 3000, 8, true, false), 0));
        assertEquals(2, stats.fails.sum());
    }

    @Test
    void incompleteDatagramsTimeOutAfterIpfragTime() {
        byte[] a = udp4(0xc0000201, 0x0a000001, 1, 3000);
        byte[] b = udp4(0xc0000202, 0x0a000001, 2, 3000);
        assertEquals(Reassembler.HELD, add4(frag4(a, 0, 1480, true, false), 0));
        assertTrue(store.memory() > 0);
        assertEquals(Reassembler.HELD, add4(frag4(b, 0, 1480, true, false), 29 * SECOND));
        assertEquals(0, stats.timeouts.sum());
        // 30 s after its first fragment the first datagram is given up; its late fragments start anew
        assertEquals(Reassembler.HELD, add4(frag4(a, 1480, 1480, true, false), 30 * SECOND));
        assertEquals(1, stats.timeouts.sum());
        assertEquals(2, r4.active());
        assertEquals(Reassembler.COMPLETE, add4(frag4(b, 1480, b.length - 20 - 1480, false, false), 30 * SECOND));
        assertArrayEquals(b, ip(r4));
    }

    @Test
    void theStoreBoundRefusesFragmentsAndNeverGrows() {
        store = new FragmentStore(16 * FragmentStore.BLOCK);
        r4 = new Reassembler(false, store, stats, 30 * SECOND);
        for (int i = 0; i < 5; i++) {
            // 1480 payload bytes take 3 blocks: five datagrams hold 15 of the 16
            assertEquals(Reassembler.HELD, add4(frag4(udp4(0xc0000201, 0x0a000001, i, 3000), 0, 1480, true, false), 0));
        }
        assertEquals(Reassembler.DROPPED, add4(frag4(udp4(0xc0000201, 0x0a000001, 99, 3000), 0, 1480, true, false), 0));
        assertEquals(1, stats.noMemory.sum());
        assertEquals(15 * FragmentStore.BLOCK, store.memory());
        // once they time out the blocks are free again
        byte[] ip = udp4(0xc0000201, 0x0a000001, 100, 2000);
        assertEquals(Reassembler.HELD, add4(frag4(ip, 0, 1480, true, false), 31 * SECOND));
        assertEquals(Reassembler.COMPLETE, add4(frag4(ip, 1480, ip.length - 20 - 1480, false, false), 31 * SECOND));
        assertArrayEquals(ip, ip(r4));
        assertEquals(0, store.memory());
    }

    @Test
    void ipv6FragmentHeaderAfterHopByHopIsTakenOut() {
        byte[] ip = udp6(3500);
        int fragmentable = ip.length - 48;
        assertEquals(Reassembler.HELD, add6(frag6(ip, 1448, 1448, true, 0xdeadbeefL), 0));
        assertEquals(Reassembler.HELD, add6(frag6(ip, 2896, fragmentable - 2896, false, 0xdeadbeefL), 0));
        assertEquals(Reassembler.COMPLETE, add6(frag6(ip, 0, 1448, true, 0xdeadbeefL), 0));
        assertArrayEquals(ip, ip(r6), "fragment header gone, the hop-by-hop header names the destination options again");
        assertEquals(14 + 48 + 8 + 1448, r6.outMaxSize + 14);
    }

    @Test
    void ipv6OverlapDropsTheDatagramAndTinyFragmentsAreRefused() {
        byte[] ip = udp6(3500);
        assertEquals(Reassembler.HELD, add6(frag6(ip, 0, 1448, true, 5), 0));
        assertEquals(Reassembler.DROPPED, add6(frag6(ip, 1440, 1448, true, 5), 0));
        assertEquals(1, stats.overlaps.sum());
        assertEquals(0, r6.active());
        // a fragment other than the last below the minimum MTU of 1280 bytes
        assertEquals(Reassembler.DROPPED, add6(frag6(ip, 0, 512, true, 6), 0));
        assertEquals(0, r6.active());
    }

    @Test
    void badSettingsAreRefusedNamingThem() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new FragmentStore(100));
        assertTrue(e.getMessage().contains("ipfrag_high_thresh 100"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new DefragHook(() -> null, DefragHook.HIGH_THRESH, 0));
        assertTrue(e.getMessage().contains("ipfrag_time 0"), e.getMessage());
    }
}
