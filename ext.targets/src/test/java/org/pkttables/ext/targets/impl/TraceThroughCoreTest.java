package org.pkttables.ext.targets.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.TraceEvent;
import org.pkttables.api.TraceListener;
import org.pkttables.api.Verdict;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.tables.impl.TraceTargetType;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/**
 * TRACE in the raw table makes every later step of the packet an event: the rules it matches through a
 * user chain (with a rewriting MARK on the way) and the policy that decides. Untraced packets make none.
 */
class TraceThroughCoreTest {
    @Test
    void tracedPacketReportsItsPath() {
        List<TraceEvent> events = new ArrayList<>();
        TraceListener l = events::add;
        Harness h = new Harness().with(new Ipv4Handler(), new TcpMatchType(), new MarkTargetType(),
                new TraceTargetType(), l);
        for (String c : new String[] { "iptables -t raw -A PREROUTING -p tcp --dport 22 -j TRACE",
            "iptables -N ssh", "iptables -A INPUT -p tcp -j ssh", "iptables -A ssh -j MARK --set-mark 5",
            "iptables -A ssh -p tcp --sport 1:1023 -j ACCEPT", "iptables -P INPUT DROP" }) {
            assertEquals(0, h.sh(c).exit(), c);
        }
        byte[] ssh = Frames.ipv4("192.0.2.1", "10.0.0.1").tcp(40000, 22).flags(Frames.SYN).build();
        byte[] web = Frames.ipv4("192.0.2.1", "10.0.0.1").tcp(40000, 80).flags(Frames.SYN).build();
        assertEquals(Verdict.DROP, h.injectPath(Family.IPV4, ssh, "eth0", null, Hook.PREROUTING, Hook.INPUT));
        List<String> seen = events.stream().map(e -> e.table() + " " + e.chain() + " " + e.rule() + " " + e.text()
                + " " + e.mark()).toList();
        assertEquals(List.of("raw PREROUTING 0 ACCEPT 0", "mangle PREROUTING 0 ACCEPT 0", "mangle INPUT 0 ACCEPT 0",
                "filter INPUT 1 -p tcp -j ssh 0",
                "filter ssh 1 -j MARK --set-xmark 0x5/0xffffffff 0", "filter INPUT 0 DROP 5"), seen);
        long id = events.get(0).packet();
        assertEquals(true, id != 0 && events.stream().allMatch(e -> e.packet() == id));
        events.clear();
        assertEquals(Verdict.DROP, h.injectPath(Family.IPV4, web, "eth0", null, Hook.PREROUTING, Hook.INPUT));
        assertEquals(List.of(), events);
    }
}
