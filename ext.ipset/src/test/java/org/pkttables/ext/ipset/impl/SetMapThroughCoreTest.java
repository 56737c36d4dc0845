package org.pkttables.ext.ipset.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.ext.targets.impl.MarkTargetType;
import org.pkttables.tables.testing.Frames;

/** SET --map-set: the skbinfo of the packet's entry applied to the packet, as the kernel's xt_SET v3. */
class SetMapThroughCoreTest {
    private final Fixture f = new Fixture();

    SetMapThroughCoreTest() {
        f.h.with(new MarkTargetType());
    }

    /** Forwards a packet whose mark was set to {@code mark} by an earlier rule; returns the verdict. */
    private int fwd4(String src, String dst) {
        return f.h.inject(Family.IPV4, Hook.FORWARD, Frames.ipv4(src, dst).udp(4000, 53).build(), "eth0", "eth1");
    }

    @Test
    void markAndPriorityFromTheEntry() {
        f.ok("ipset create m hash:net skbinfo");
        f.ok("ipset add m 10.0.0.0/24 skbmark 0x10/0xf0 skbprio 1:2");
        f.ok("ipset add m 10.0.0.128/25 nomatch");
        f.ok("ipset add m 10.1.0.0/16 skbmark 0x5");
        f.ok("iptables -t mangle -A FORWARD -j MARK --set-mark 0x10f");
        f.ok("iptables -t mangle -A FORWARD -j SET --map-set m src --map-mark --map-prio");
        assertEquals(Verdict.ACCEPT, fwd4("10.0.0.7", "192.0.2.1"));
        assertEquals(0x11f, f.h.last().mark(), "(mark & ~0xf0) ^ 0x10 keeps the bits outside the mask");
        assertEquals(0x10002, f.h.last().priority());
        fwd4("10.0.0.200", "192.0.2.1");
        assertEquals(0x10f, f.h.last().mark(), "a nomatch entry maps nothing");
        assertEquals(0, f.h.last().priority());
        fwd4("10.1.2.3", "192.0.2.1");
        assertEquals(0x5, f.h.last().mark(), "skbmark without mask is the whole mark");
        fwd4("10.2.0.1", "192.0.2.1");
        assertEquals(0x10f, f.h.last().mark(), "no entry: unchanged");
    }

    @Test
    void bitmapAndListSetsAndDestination() {
        f.ok("ipset create b bitmap:ip range 192.0.2.0/24 skbinfo");
        f.ok("ipset add b 192.0.2.9 skbmark 0x42");
        f.ok("ipset create l list:set");
        f.ok("ipset add l b");
        f.ok("iptables -t mangle -A FORWARD -j SET --map-set l dst --map-mark");
        fwd4("10.0.0.1", "192.0.2.9");
        assertEquals(0x42, f.h.last().mark());
        fwd4("10.0.0.1", "192.0.2.10");
        assertEquals(0, f.h.last().mark());
    }

    @Test
    void aSetWithoutSkbinfoMapsZeros() {
        f.ok("ipset create plain hash:ip");
        f.ok("ipset add plain 10.0.0.1");
        f.ok("iptables -t mangle -A FORWARD -j MARK --set-mark 0x9");
        f.ok("iptables -t mangle -A FORWARD -j SET --map-set plain src --map-mark");
        fwd4("10.0.0.1", "192.0.2.1");
        assertEquals(0x9, f.h.last().mark(), "mask 0: the mark stays");
    }
}
