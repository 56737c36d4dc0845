package org.pkttables.tables.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.tables.testing.Harness;

/**
 * The jump depth limit, as iptables-nft 1.8.9 showed it on Linux 6.18 in a network namespace: a
 * built-in chain may lead through 15 levels of user chains (INPUT -> c1 -> ... -> c15); one more
 * and the whole restore fails with "RULE_APPEND failed (Too many links): rule in chain c15", exit 4,
 * nothing applied. Chains no built-in chain reaches may be deeper; attaching them is refused.
 */
class ChainDepthTest {
    private Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness().with(new TestFamily.Ipv4(), new TestFamily.Dport(), new TestFamily.Mark());
    }

    /** A restore of chains c1..cN, each jumping (or going) to the next, the last marking packets. */
    private static String chainOf(int n, String op, boolean attached) {
        StringBuilder sb = new StringBuilder("*filter\n");
        for (int i = 1; i <= n; i++) {
            sb.append(":c").append(i).append(" - [0:0]\n");
        }
        if (attached) {
            sb.append("-A INPUT ").append(op).append(" c1\n");
        }
        for (int i = 1; i < n; i++) {
            sb.append("-A c").append(i).append(' ').append(op).append(" c").append(i + 1).append('\n');
        }
        sb.append("-A c").append(n).append(" -j MARK --set-mark 7\n");
        sb.append("-A c").append(n).append(" -j DROP\n");
        return sb.append("COMMIT\n").toString();
    }

    private String save() {
        Result r = h.run("iptables-save");
        assertEquals(0, r.exit(), r.err());
        return r.out().replaceAll("(?m)^#.*\n", "");
    }

    private int send() {
        return h.injectL3(Family.IPV4, Hook.INPUT, TestFamily.udp(53), "eth0", null);
    }

    @Test
    void fifteenLevelsAreAcceptedAndEvaluatedToTheBottom() {
        Result r = h.withInput(chainOf(15, "-j", true), "iptables-restore");
        assertEquals(0, r.exit(), r.err());
        assertEquals(Verdict.DROP, send());
        assertEquals(7, h.last().mark());
        h.withInput(chainOf(15, "-g", true), "iptables-restore");
        assertEquals(Verdict.DROP, send());
    }

    @Test
    void sixteenLevelsAreRefusedNamingTheChainAndNothingChanges() {
        String before = save();
        for (String op : new String[] { "-j", "-g" }) {
            Result r = h.withInput(chainOf(16, op, true), "iptables-restore");
            assertEquals(4, r.exit(), r.err());
            assertTrue(r.err().contains("too many links: rule in chain `c15' jumps to `c16', 16 levels below"
                    + " built-in chain `INPUT'"), r.err());
            assertEquals(before, save());
        }
        assertEquals(Verdict.ACCEPT, send());
    }

    @Test
    void deepUnattachedChainsAreAcceptedUntilABuiltinChainReachesThem() {
        Result r = h.withInput(chainOf(20, "-j", false), "iptables-restore");
        assertEquals(0, r.exit(), r.err());
        String before = save();
        r = h.run("iptables", "-A", "INPUT", "-j", "c1");
        assertEquals(4, r.exit(), r.err());
        assertTrue(r.err().contains("`INPUT' (INPUT -> c1 -> ... -> c15 -> c16 -> ... -> c20, 20 levels)"), r.err());
        r = h.run("iptables", "-A", "FORWARD", "-j", "c5");
        assertEquals(4, r.exit(), r.err());
        assertEquals(before, save());
        // c6..c20 is 15 levels: the real tool accepts INPUT -j c6 and refuses INPUT -j c5.
        r = h.run("iptables", "-A", "INPUT", "-j", "c6");
        assertEquals(0, r.exit(), r.err());
        assertEquals(Verdict.DROP, send());
        // A chain added above c6 later is refused too, and the rejected rule is not left behind.
        assertEquals(0, h.run("iptables", "-N", "x").exit());
        assertEquals(0, h.run("iptables", "-A", "x", "-j", "c6").exit());
        String attached = save();
        r = h.run("iptables", "-I", "INPUT", "-j", "x");
        assertEquals(4, r.exit(), r.err());
        assertTrue(r.err().contains("rule in chain `c19' jumps to `c20'"), r.err());
        assertEquals(attached, save());
    }

    @Test
    void tenThousandLevelsAreRefusedWithoutRunningOutOfStack() {
        String before = save();
        Result r = h.withInput(chainOf(10_000, "-j", true), "iptables-restore");
        assertEquals(4, r.exit(), r.err());
        assertTrue(r.err().contains("(INPUT -> c1 -> ... -> c15 -> c16 -> ... -> c10000, 10000 levels)"), r.err());
        assertEquals(before, save());
        assertEquals(Verdict.ACCEPT, send());
        // Unattached they may stay (as in nf_tables), and delete cleanly.
        r = h.withInput(chainOf(10_000, "-j", false), "iptables-restore");
        assertEquals(0, r.exit(), r.err());
        assertEquals(Verdict.ACCEPT, send());
    }
}
