package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.tables.testing.Packets;

/** recent: shared named lists, the four actions, time windows, hit counts, TTL, masks; with a fake clock. */
class RecentMatchTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(123_456_789L);
    private final RecentMatchType type = new RecentMatchType(now::get);

    /** UDP from 10.0.0.{src} to 10.0.0.{dst} with this TTL. */
    private static PacketContext pkt(int src, int dst, int ttl) {
        byte[] f = Packets.ipv4(17, Packets.udp(1000, 53));
        f[Packets.ETH + 8] = (byte) ttl;
        f[Packets.ETH + 12] = 10;
        f[Packets.ETH + 15] = (byte) src;
        f[Packets.ETH + 16] = 10;
        f[Packets.ETH + 19] = (byte) dst;
        return Packets.ctx4(f);
    }

    private static PacketContext from(int src) {
        return pkt(src, 99, 64);
    }

    @Test
    void rulesOfOneNameShareTheListAndOtherNamesDoNot() {
        Match set = Compiled.v4(type, "--set --name knock");
        Match check = Compiled.v4(type, "--rcheck --name knock");
        Match other = Compiled.v4(type, "--rcheck --name other");
        assertFalse(check.matches(from(1)));
        assertTrue(set.matches(from(1)), "--set always matches");
        assertTrue(check.matches(from(1)));
        assertFalse(check.matches(from(2)));
        assertFalse(other.matches(from(1)));
        assertSame(((RecentMatch) set).table(), ((RecentMatch) check).table());
    }

    @Test
    void removeForgetsTheAddressAndInvertFlipsTheAnswer() {
        Compiled.v4(type, "--set").matches(from(1));
        Match remove = Compiled.v4(type, "--remove");
        Match notIn = Compiled.v4(type, "! --rcheck");
        assertFalse(notIn.matches(from(1)));
        assertTrue(remove.matches(from(1)));
        assertFalse(remove.matches(from(1)), "already gone");
        assertTrue(notIn.matches(from(1)));
    }

    @Test
    void secondsAndHitcountCountOnlyRecentSightings() {
        Match set = Compiled.v4(type, "--set --name ssh");
        Match three = Compiled.v4(type, "--rcheck --seconds 60 --hitcount 3 --name ssh");
        set.matches(from(7));
        now.addAndGet(10 * SECOND);
        set.matches(from(7));
        assertFalse(three.matches(from(7)), "two sightings");
        now.addAndGet(10 * SECOND);
        set.matches(from(7));
        assertTrue(three.matches(from(7)), "three within 60 s");
        now.addAndGet(45 * SECOND);
        assertFalse(three.matches(from(7)), "the first sighting is now 65 s old");
    }

    @Test
    void updateRefreshesOnlyWhenItMatches() {
        Compiled.v4(type, "--set --name u").matches(from(3));
        Match update = Compiled.v4(type, "--update --seconds 10 --name u");
        now.addAndGet(8 * SECOND);
        assertTrue(update.matches(from(3)), "seen 8 s ago; refreshed now");
        now.addAndGet(8 * SECOND);
        assertTrue(update.matches(from(3)), "the update 8 s ago counts");
        now.addAndGet(11 * SECOND);
        assertFalse(update.matches(from(3)));
        now.addAndGet(SECOND);
        assertFalse(update.matches(from(3)), "a miss does not refresh");
    }

    @Test
    void rttlWantsTheSameTtlAsTheSighting() {
        Compiled.v4(type, "--set --name t").matches(pkt(4, 99, 64));
        Match rttl = Compiled.v4(type, "--rcheck --rttl --name t");
        assertTrue(rttl.matches(pkt(4, 99, 64)));
        assertFalse(rttl.matches(pkt(4, 99, 63)), "a spoofer further away");
        assertTrue(Compiled.v4(type, "--rcheck --name t").matches(pkt(4, 99, 63)));
    }

    @Test
    void rdestAndMaskPickTheKey() {
        Compiled.v4(type, "--set --rdest --mask 255.255.255.0 --name d").matches(pkt(1, 200, 64));
        Match check = Compiled.v4(type, "--rcheck --rdest --mask 255.255.255.0 --name d");
        assertTrue(check.matches(pkt(5, 17, 64)), "10.0.0.17 is in 10.0.0.0/24");
        assertFalse(Compiled.v4(type, "--rcheck --name d").matches(pkt(200, 1, 64)), "the source 10.0.0.200 was never set");
    }

    @Test
    void aListHoldsAtMostOneHundredAddresses() {
        Match set = Compiled.v4(type, "--set --name big");
        for (int i = 1; i <= 250; i++) {
            now.addAndGet(SECOND);
            set.matches(from(i));
        }
        assertEquals(RecentMatchType.LIST_TOT, ((RecentMatch) set).table().size());
        assertTrue(Compiled.v4(type, "--rcheck --name big").matches(from(250)), "the newest stays");
    }

    @Test
    void onlyTheLastTwentySightingsAreKept() {
        Match set = Compiled.v4(type, "--set --name n");
        for (int i = 0; i < 25; i++) {
            set.matches(from(9));
        }
        assertTrue(Compiled.v4(type, "--rcheck --hitcount 20 --name n").matches(from(9)));
        assertFalse(Compiled.v4(type, "--rcheck --hitcount 21 --name n").matches(from(9)));
    }

    @Test
    void reapForgetsStaleAddresses() {
        Match set = Compiled.v4(type, "--set --name r");
        // Two addresses landing in one stripe are needed for a deterministic reap: try until two share one.
        set.matches(from(1));
        now.addAndGet(100 * SECOND);
        Match reap = Compiled.v4(type, "--rcheck --seconds 10 --reap --name r");
        int before = ((RecentMatch) set).table().size();
        for (int i = 2; i < 40; i++) {
            set.matches(from(i));
            reap.matches(from(i));
        }
        assertEquals(before + 38 - 1, ((RecentMatch) set).table().size(), "10.0.0.1, stale, was reaped");
        assertFalse(Compiled.v4(type, "--rcheck --name r").matches(from(1)));
    }

    @Test
    void ipv6UsesTheWholeAddressUnderTheMask() {
        Compiled.v6(type, "--set --name six --mask ffff:ffff:ffff:ffff::").matches(Packets.ctx6(Packets.ipv6(17,
                Packets.udp(1, 2))));
        byte[] f = Packets.ipv6(17, Packets.udp(1, 2));
        f[Packets.ETH + 8 + 15] ^= 0x55;
        assertTrue(Compiled.v6(type, "--rcheck --name six --mask ffff:ffff:ffff:ffff::").matches(Packets.ctx6(f)));
        f[Packets.ETH + 8 + 3] ^= 0x55;
        assertFalse(Compiled.v6(type, "--rcheck --name six --mask ffff:ffff:ffff:ffff::").matches(Packets.ctx6(f)));
    }
}
