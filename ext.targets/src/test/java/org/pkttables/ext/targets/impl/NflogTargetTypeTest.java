package org.pkttables.ext.targets.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.ext.targets.api.NflogListener;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.tables.testing.Harness;
import org.pkttables.tables.testing.Packets;

class NflogTargetTypeTest {
    private final List<String> seen = new ArrayList<>();

    private NflogListener recorder(String name) {
        return (group, prefix, p, size) -> seen.add(name + ":" + group + ":" + prefix + ":" + size + ":" + p.length());
    }

    @Test
    void deliversToListenersOfTheGroup() {
        NflogTargetType t = new NflogTargetType();
        t.addListener(recorder("all"), Map.of());
        t.addListener(recorder("g2"), Map.of(NflogListener.GROUP, 2));
        byte[] f = Packets.ipv4(17, Packets.udp(1, 2));
        assertEquals(Verdict.CONTINUE, RewritingTargetsTest.compile(t, Family.IPV4, -1,
                "--nflog-group 2 --nflog-prefix x --nflog-size 64").apply(Packets.ctx4(f)));
        RewritingTargetsTest.compile(t, Family.IPV4, -1, "").apply(Packets.ctx4(f));
        assertEquals(List.of("all:2:x:64:42", "g2:2:x:64:42", "all:0::-1:42"), seen);
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        NflogTargetType t = new NflogTargetType();
        NflogListener bad = (group, prefix, p, size) -> {
            throw new IllegalStateException("broken listener");
        };
        t.addListener(bad, Map.of());
        t.addListener(recorder("ok"), Map.of());
        assertEquals(Verdict.CONTINUE, RewritingTargetsTest.compile(t, Family.IPV4, -1, "")
                .apply(Packets.ctx4(Packets.ipv4(17, Packets.udp(1, 2)))));
        assertEquals(1, seen.size());
        t.removeListener(bad);
        assertEquals(1, t.entries().length);
    }

    @Test
    void throughTheCore() {
        NflogTargetType t = new NflogTargetType();
        t.addListener(recorder("l"), null);
        Harness h = new Harness().with(new Ipv4Handler(), t);
        assertEquals(0, h.sh("iptables -A INPUT -p udp -j NFLOG --nflog-prefix 'in udp' --nflog-group 5").exit());
        assertEquals(0, h.sh("iptables -A INPUT -j DROP").exit());
        assertEquals(Verdict.DROP, h.inject(Family.IPV4, Hook.INPUT, Packets.ipv4(17, Packets.udp(1, 2)), "eth0", null));
        assertEquals(List.of("l:5:in udp:-1:42"), seen);
    }

    @Test
    void nflogLinesGoToTheLogRingForLogButNotToTheSystemLog() throws Exception {
        NflogTargetType t = new NflogTargetType();
        org.pkttables.ext.targets.api.LogRing ring = new org.pkttables.ext.targets.api.LogRing(16);
        t.setRing(ring);
        Harness h = new Harness().with(new Ipv4Handler(), t);
        assertEquals(0, h.sh("iptables -A INPUT -p udp -j NFLOG --nflog-prefix 'nf: ' --nflog-group 3").exit());
        h.inject(Family.IPV4, Hook.INPUT, Packets.ipv4(17, Packets.udp(1, 2)), "eth0", null);
        org.pkttables.ext.targets.api.LogRing.Entry e = ring.follow(0).poll();
        assertEquals(NflogTargetType.RING_ONLY, e.level());
        assertEquals("nf: ", LogLine.prefix(e.line()));
        assertEquals(true, e.line().contains(" PROTO=UDP SPT=1 DPT=2 "), e.line());
        List<String> delivered = new ArrayList<>();
        Thread d = new Thread(() -> LogQueue.deliver(ring, (level, line) -> delivered.add(line)));
        d.start();
        d.interrupt();
        d.join(5000);
        assertEquals(List.of(), delivered, "an NFLOG line never reaches the system log");
    }
}
