package org.pkttables.l3.arp.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/** arptables' MARK, CLASSIFY and mangle on ARP frames through the core. */
class ArpTargetsPacketTest {
    private final Harness h = ArpTargetCasesConformanceTest.harness();

    private void ok(String line) {
        CommandFrontend.Result r = h.sh(line);
        assertEquals(0, r.exit(), () -> line + ": " + r.err());
    }

    @Test
    void markAndClassify() {
        ok("arptables -A OUTPUT -j MARK --set-mark ff00");
        ok("arptables -A OUTPUT -j MARK --or-mark 1");
        ok("arptables -A OUTPUT -j MARK --and-mark ff01");
        ok("arptables -A OUTPUT -j CLASSIFY --set-class 1:10");
        byte[] req = Frames.arpRequest("02:00:00:00:00:01", "10.0.0.1", "10.0.0.2");
        assertEquals(Verdict.ACCEPT, h.inject(Family.ARP, Hook.OUTPUT, req, null, "eth0"));
        assertEquals(0xff01, h.last().mark());
        assertEquals(0x10010, h.last().priority());
    }

    @Test
    void mangleRewritesTheHeaderAndGivesItsVerdict() {
        ok("arptables -A INPUT -s 10.0.0.1 -j mangle --mangle-ip-s 10.9.9.9 --mangle-mac-s 02:00:00:00:00:99 "
                + "--mangle-ip-d 10.8.8.8 --mangle-mac-d 02:00:00:00:00:88 --mangle-target CONTINUE");
        ok("arptables -A INPUT -s 10.9.9.9 -j DROP");
        byte[] req = Frames.arpRequest("02:00:00:00:00:01", "10.0.0.1", "10.0.0.2");
        assertEquals(Verdict.DROP, h.inject(Family.ARP, Hook.INPUT, req, "eth0", null),
                "CONTINUE: the next rule sees the new sender address");
        assertArrayEquals(Frames.mac("02:00:00:00:00:99"), Arrays.copyOfRange(req, 22, 28));
        assertArrayEquals(new byte[] { 10, 9, 9, 9 }, Arrays.copyOfRange(req, 28, 32));
        assertArrayEquals(Frames.mac("02:00:00:00:00:88"), Arrays.copyOfRange(req, 32, 38));
        assertArrayEquals(new byte[] { 10, 8, 8, 8 }, Arrays.copyOfRange(req, 38, 42));

        ok("arptables -F INPUT");
        ok("arptables -A INPUT -j mangle --mangle-ip-d 10.8.8.8");
        ok("arptables -A INPUT -j DROP");
        byte[] other = Frames.arpRequest("02:00:00:00:00:01", "10.0.0.1", "10.0.0.2");
        assertEquals(Verdict.ACCEPT, h.inject(Family.ARP, Hook.INPUT, other, "eth0", null), "ACCEPT by default");
        assertArrayEquals(new byte[] { 10, 8, 8, 8 }, Arrays.copyOfRange(other, 38, 42));
    }

    @Test
    void truncatedHeaderIsNotWrittenPast() {
        ok("arptables -A OUTPUT -j mangle --mangle-ip-d 10.8.8.8 --mangle-target DROP");
        byte[] req = Frames.arpRequest("02:00:00:00:00:01", "10.0.0.1", "10.0.0.2");
        byte[] cut = Arrays.copyOf(req, 14 + 8 + 6 + 4 + 6 + 2);
        // The handler already refuses an ARP header that does not fit: dropped before any rule.
        assertEquals(Verdict.DROP, h.inject(Family.ARP, Hook.OUTPUT, cut, null, "eth0"));
        assertArrayEquals(Arrays.copyOf(req, cut.length), cut, "nothing written");
    }
}
