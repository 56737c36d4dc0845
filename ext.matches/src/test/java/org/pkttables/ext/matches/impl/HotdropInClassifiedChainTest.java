package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.tables.testing.Harness;
import org.pkttables.tables.testing.Packets;

/**
 * A match that may hotdrop before an indexable one, in a chain served by the classifier: the kernel runs
 * the first match for every packet that reaches the rule, and drops a packet whose header it cannot read,
 * also when the port match after it would not match, so the classifier must not skip the rule on the port
 * (found by e2e KernelDifferentialIT's short-header run: tcpmss before "--sport 22 --dport 22").
 */
class HotdropInClassifiedChainTest {
    private static Harness load(boolean linear) {
        Harness h = new Harness().with(new Ipv4Handler(), new TcpMatchType(), new TcpmssMatchType(),
                new MultiportMatchType()).linear(linear);
        StringBuilder rules = new StringBuilder("*filter\n:FORWARD ACCEPT [0:0]\n");
        rules.append("-A FORWARD -p tcp -m tcpmss --mss 1:1500 -m tcp --sport 22 --dport 22 -j ACCEPT\n");
        // enough rules for the chain to get a classifier
        for (int i = 1; i <= 20; i++) {
            rules.append("-A FORWARD -s 192.0.2.").append(i).append(" -p tcp -m tcp --dport ").append(1000 + i)
                    .append(" -j DROP\n");
        }
        rules.append("-A FORWARD -p tcp -m tcp --dport 80 -j ACCEPT\n");
        rules.append("COMMIT\n");
        assertEquals(0, h.withInput(rules.toString(), "iptables-restore").exit());
        return h;
    }

    @Test
    void aShortHeaderIsDroppedByTheFirstRuleThoughItsPortsDoNotMatch() {
        byte[] full = Packets.ipv4(6, Packets.tcp(40000, 80, 0x02));
        byte[] cut = java.util.Arrays.copyOf(full, Packets.ETH + Packets.IP4 + 10);
        cut[Packets.ETH + 3] = 30; // total length: the header cut to 10 bytes
        for (boolean linear : new boolean[] { false, true }) {
            Harness h = load(linear);
            assertEquals(Verdict.DROP, h.inject(Family.IPV4, Hook.FORWARD, cut, "eth0", "eth1"), "linear " + linear);
            assertEquals(Verdict.ACCEPT, h.inject(Family.IPV4, Hook.FORWARD, full, "eth0", "eth1"), "linear " + linear);
            String save = h.run("iptables-save", "-c").out();
            assertTrue(save.contains("[0:0] -A FORWARD -p tcp -m tcpmss --mss 1:1500 -m tcp --sport 22 --dport 22"), save);
            assertTrue(save.contains("[1:40] -A FORWARD -p tcp -m tcp --dport 80 -j ACCEPT"), save);
        }
    }
}
