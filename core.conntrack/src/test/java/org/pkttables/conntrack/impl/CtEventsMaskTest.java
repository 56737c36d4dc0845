package org.pkttables.conntrack.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.target.CtTargetType;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/** {@code CT --ctevents}: a connection reports only the events of its mask; others report everything. */
class CtEventsMaskTest {
    @Test
    void onlyTheMaskedEventsAreReported() {
        AtomicLong now = new AtomicLong(1_000_000);
        ConntrackEngine engine = new ConntrackEngine(1024, 5, now::get);
        List<String> seen = new ArrayList<>();
        engine.addListener(e -> seen.add(e.type() + " " + e.entry().origDport()));
        String[] fam = { "ipv4", "ipv6" };
        Harness h = new Harness().with(new Ipv4Handler(), new org.pkttables.ext.matches.impl.UdpMatchType(), new CtTargetType(),
                new ConntrackCommand(engine));
        h.with(new ConntrackHook(engine), ConntrackHook.properties(fam));
        h.with(new ConfirmHook(engine), ConfirmHook.properties(fam));
        assertEquals(0, h.sh("iptables -t raw -A PREROUTING -p udp --dport 53 -j CT --ctevents destroy").exit());
        for (int port : new int[] { 53, 54 }) {
            byte[] f = Frames.ipv4("192.0.2.7", "10.0.0.1").raw(17, new byte[] { (byte) 0x9c, 0x40, 0, (byte) port, 0, 8, 0, 0 }).build();
            assertEquals(Verdict.ACCEPT, h.inject(Family.IPV4, Hook.PREROUTING, f, "eth0", null));
            assertEquals(Verdict.ACCEPT, h.inject(Family.IPV4, Hook.INPUT, f, "eth0", null));
        }
        assertEquals(List.of("NEW 54"), seen, "the masked connection reports no NEW");
        assertEquals(0, h.sh("conntrack -F").exit());
        seen.sort(null);
        assertEquals(List.of("DESTROY 53", "DESTROY 54", "NEW 54"), seen);
    }
}
