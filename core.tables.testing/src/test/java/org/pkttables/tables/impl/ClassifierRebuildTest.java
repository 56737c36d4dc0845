package org.pkttables.tables.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.api.Family;
import org.pkttables.tables.testing.Harness;

/**
 * The life of a background classifier rebuild: asked for once a chain's patch outgrows the limit,
 * run whenever its thread gets to it (here: when the test says), swapped in with the edits made
 * meanwhile replayed, and dropped when the chain was rebuilt or deleted in between. Verdicts during
 * all of it are the differential test's business (ClassifierDifferentialTest in bench).
 */
class ClassifierRebuildTest {
    private final List<Runnable> queue = new ArrayList<>();
    private Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness().with(new TestFamily.Ipv4(), new TestFamily.Dport()).rebuildExecutor(queue::add);
        StringBuilder b = new StringBuilder("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n");
        for (int i = 0; i < 100; i++) {
            b.append("-A FORWARD -p udp --dport ").append(1000 + i).append(" -j DROP\n");
        }
        ok(h.withInput(b.append("COMMIT\n").toString(), "iptables-restore"));
    }

    private static void ok(Result r) {
        assertEquals(0, r.exit(), r::err);
    }

    private void inserts(int n) {
        for (int i = 0; i < n; i++) {
            ok(h.sh("iptables -I FORWARD " + (1 + i % 50) + " -p udp --dport " + (2000 + i) + " -j ACCEPT"));
        }
    }

    private ChainState forward() {
        return ((RulesetImpl) h.ruleset()).live(Family.IPV4, "filter").chain("FORWARD");
    }

    @Test
    void aRebuildIsAskedForOnceThePatchOutgrowsTheLimitAndSwapsInWithLaterEditsReplayed() {
        inserts(ChainClassifier.MAX_PATCH);
        assertTrue(queue.isEmpty(), "no rebuild while the patch is within the limit");
        assertTrue(forward().classifier.patched());
        inserts(1);
        assertEquals(1, queue.size(), "one rebuild asked for");
        ChainClassifier.Rebuild rb = forward().classifier.rebuild;
        assertNotNull(rb);
        inserts(10);
        assertEquals(1, queue.size(), "edits while it is pending do not ask again");
        assertSame(rb, forward().classifier.rebuild);
        long gen = h.ruleset().generation();
        RuleEntry[] rules = forward().rules;

        queue.remove(0).run();

        ChainState c = forward();
        assertSame(rules, c.rules, "a rebuild swaps the index only");
        assertEquals(gen, h.ruleset().generation(), "and makes no new generation");
        assertNull(c.classifier.rebuild);
        assertTrue(c.classifier.patched(), "the 10 edits made meanwhile are replayed as a patch");
        assertEquals(175, c.rules.length);
        assertTrue(queue.isEmpty());
    }

    @Test
    void aRebuildWithoutLaterEditsLeavesAnExactClassifier() {
        inserts(ChainClassifier.MAX_PATCH + 1);
        queue.remove(0).run();
        assertFalse(forward().classifier.patched());
        assertNull(forward().classifier.rebuild);
    }

    @Test
    void aRebuildOfAChainRebuiltOrDeletedMeanwhileIsDropped() {
        inserts(ChainClassifier.MAX_PATCH + 1);
        ok(h.sh("iptables -F FORWARD"));
        StringBuilder b = new StringBuilder("*filter\n");
        for (int i = 0; i < 40; i++) {
            b.append("-A FORWARD -p udp --dport ").append(3000 + i).append(" -j DROP\n");
        }
        ok(h.withInput(b.append("COMMIT\n").toString(), "iptables-restore", "--noflush"));
        ChainState before = forward();
        queue.remove(0).run();
        assertSame(before, forward(), "the chain's own classifier stays");

        ok(h.sh("iptables -N web"));
        for (int i = 0; i < ChainClassifier.MAX_PATCH + 20; i++) {
            ok(h.sh("iptables -A web -p udp --dport " + (4000 + i) + " -j DROP"));
        }
        assertFalse(queue.isEmpty());
        ok(h.sh("iptables -F web"));
        ok(h.sh("iptables -X web"));
        while (!queue.isEmpty()) {
            queue.remove(0).run();
        }
        assertNull(((RulesetImpl) h.ruleset()).live(Family.IPV4, "filter").chain("web"));
    }
}
