package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.tables.testing.Harness;
import org.pkttables.tables.testing.Packets;

/**
 * A stateful match before an indexable one in a chain served by the classifier: the kernel runs the
 * stateful match for every packet that reaches it, also when the port match after it then fails, so
 * the classifier must not skip the rule on the port (found by e2e KernelDifferentialIT, recent --set).
 */
class StatefulMatchInClassifiedChainTest {
    private static Harness load(boolean linear) {
        Harness h = new Harness().with(new Ipv4Handler(), new TcpMatchType(), new QuotaMatchType(),
                new StatisticMatchType(), new RecentMatchType()).linear(linear);
        StringBuilder rules = new StringBuilder("*filter\n:FORWARD ACCEPT [0:0]\n");
        // enough rules for the chain to get a classifier
        for (int i = 1; i <= 20; i++) {
            rules.append("-A FORWARD -s 192.0.2.").append(i).append(" -p tcp -m tcp --dport ").append(1000 + i)
                    .append(" -j DROP\n");
        }
        rules.append("-A FORWARD -p tcp -m quota --quota 100 -m tcp --dport 22\n");
        rules.append("-A FORWARD -p tcp -m statistic --mode nth --every 3 --packet 0 -m tcp --dport 22\n");
        rules.append("-A FORWARD -p tcp -m recent --set --name seen -m tcp --dport 22\n");
        rules.append("-A FORWARD -p tcp -m recent --rcheck --name seen -m tcp --dport 80\n");
        rules.append("COMMIT\n");
        assertEquals(0, h.withInput(rules.toString(), "iptables-restore").exit());
        return h;
    }

    @Test
    void statefulMatchesRunForPacketsTheLaterPortMatchRejects() {
        Harness cls = load(false);
        Harness lin = load(true);
        for (int i = 0; i < 5; i++) {
            int port = i < 4 ? 80 : 22;
            for (Harness h : new Harness[] { cls, lin }) {
                h.inject(Family.IPV4, Hook.FORWARD, Packets.ipv4(6, Packets.tcp(40000, port, 0x10)), "eth0", "eth1");
            }
        }
        String save = cls.run("iptables-save", "-c").out();
        assertEquals(lin.run("iptables-save", "-c").out().replaceAll("(?m)^#.*\n", ""), save.replaceAll("(?m)^#.*\n", ""));
        // four 40-byte packets to port 80 used the quota up, so the packet to port 22 does not match it
        assertTrue(save.contains("[0:0] -A FORWARD -p tcp -m quota --quota 100 -m tcp --dport 22"), save);
        // the 4th packet passed the nth counter (1st, 4th, ...) but not the port, the 5th does neither
        assertTrue(save.contains("[0:0] -A FORWARD -p tcp -m statistic --mode nth --every 3 --packet 0 -m tcp --dport 22"), save);
        // recent --set saw the port-80 packets, so they are counted by the rcheck rule
        assertTrue(save.contains("[4:160] -A FORWARD -p tcp -m recent --rcheck --name seen"), save);
    }
}
