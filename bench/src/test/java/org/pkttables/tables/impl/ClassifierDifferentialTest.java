package org.pkttables.tables.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.pkttables.api.ChainInfo;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.RuleInfo;
import org.pkttables.api.RulesetException;
import org.pkttables.api.TableInfo;
import org.pkttables.bench.Rulesets;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/**
 * The compiled classifier against the reference interpreter (the linear walk): random rulesets (user
 * chains, jumps, gotos, returns, negations, prefixes with odd and non-contiguous masks, port ranges,
 * non-terminal MARK targets that later mark matches read, rules with several matches, rules without
 * target) are loaded into two cores, one evaluating linearly, and random packets (TCP, UDP, ICMP, other
 * protocols, later fragments) go through both: every verdict, every resulting mark and, at the end,
 * every rule and policy counter must be identical. The same runs with ip6tables rulesets and IPv6
 * packets (prefixes ending in every 32-bit word, non-contiguous masks, extension headers before the
 * L4 header), whose chains the classifier indexes by their IPv6 addresses.
 *
 * <p>The test sits in the core's package to check that the classifier really served the chains.
 * Scale it with {@code -Dpkttables.difftest.rulesets=1000 -Dpkttables.difftest.packets=1000}.
 */
class ClassifierDifferentialTest {
    private static final int RULESETS = Integer.getInteger("pkttables.difftest.rulesets", 160);
    private static final int PACKETS = Integer.getInteger("pkttables.difftest.packets", 800);
    private static final long SEED = Long.getLong("pkttables.difftest.seed", 20240611L);

    private static final int[] PORTS = { 22, 53, 80, 443, 1000, 1001, 1023, 1024, 8080, 65535 };
    private static final String[] IFACES = { "eth0", "eth1", "eth2" };

    @Test
    void classifierAndLinearWalkAgreeOnVerdictsMarksAndCounters() throws RulesetException {
        differential(Family.IPV4);
    }

    @Test
    void classifierAndLinearWalkAgreeOnIpv6Rulesets() throws RulesetException {
        differential(Family.IPV6);
    }

    private static void differential(Family f) throws RulesetException {
        boolean v6 = f == Family.IPV6;
        SplittableRandom seeds = new SplittableRandom(SEED + (v6 ? 6 : 0));
        long packets = 0;
        int classified = 0;
        int patched = 0;
        int split = 0;
        int rebuilt = 0;
        int indexedV6 = 0;
        int banded = 0;
        // A low patch limit so that small chains ask for background rebuilds too; the test runs them
        // itself, at random moments, so the swapped-in classifiers must replay the edits made meanwhile.
        ChainClassifier.patchLimit = 8;
        try {
            for (int n = 0; n < RULESETS; n++) {
                long seed = seeds.nextLong();
                SplittableRandom rnd = new SplittableRandom(seed);
                // Priority bands of 2 to 64 rules first (else 1,024), so these chains are cut into bands too.
                ClassifierShapes.firstBand = 2 << new SplittableRandom(~seed).nextInt(6);
                String rules = ruleset(rnd, v6);
                Harness lin = load(rules, seed, f).linear(true);
                List<Runnable> rebuilds = new ArrayList<>();
                Harness cls = load(rules, seed, f).rebuildExecutor(rebuilds::add);
                classified += chains(cls, f, c -> true);
                split += chains(cls, f, ChainClassifier::split);
                indexedV6 += chains(cls, f, ChainClassifier::v6);
                banded += chains(cls, f, ChainClassifier::banded);
                // Half the rulesets are then edited rule by rule, as a running appliance is: the classifiers
                // of those chains are patched (inserted and deleted rules kept beside the tuples), not rebuilt.
                int edits = rnd.nextBoolean() ? 0 : 1 + rnd.nextInt(160);
                for (int e = 0; e < edits; e += edit(f, lin, cls, rnd, seed, rules)) {
                    if (rnd.nextInt(3) == 0) {
                        rebuilt += runSome(rebuilds, rnd);
                    }
                    for (int i = 0; i < 4; i++) {
                        sendAndCompare(f, lin, cls, rnd, seed, rules, -1);
                        packets++;
                    }
                }
                patched += chains(cls, f, ChainClassifier::patched);
                for (int i = 0; i < PACKETS; i++) {
                    if (i == PACKETS / 2 && rnd.nextBoolean()) {
                        rebuilt += runSome(rebuilds, rnd);
                    }
                    sendAndCompare(f, lin, cls, rnd, seed, rules, i);
                    packets++;
                }
                assertSameCounters(f, lin, cls, seed, rules);
            }
        } finally {
            ChainClassifier.patchLimit = ChainClassifier.MAX_PATCH;
            ClassifierShapes.firstBand = ClassifierShapes.FIRST_BAND;
        }
        System.out.printf("differential %s: %d rulesets, %d packets, %d chains served by a classifier (%d indexing"
                + " IPv6 addresses), %d by a patched one, %d with protocol tuple sets, %d cut into priority bands,"
                + " %d background rebuilds run%n", f, RULESETS, packets, classified, indexedV6, patched, split, banded,
                rebuilt);
        assertTrue(rebuilt >= RULESETS / 8, "only " + rebuilt + " background rebuilds in " + RULESETS + " rulesets");
        // Most rulesets must exercise the classifier, or this test proves nothing.
        assertTrue(classified >= RULESETS, "only " + classified + " classified chains in " + RULESETS + " rulesets");
        assertTrue(split >= RULESETS / 8, "only " + split + " classifiers with protocol tuple sets");
        assertTrue(banded >= RULESETS / 8, "only " + banded + " classifiers cut into priority bands");
        assertTrue(patched >= RULESETS / 8, "only " + patched + " patched classifiers in " + RULESETS + " rulesets");
        if (v6) {
            assertTrue(indexedV6 >= classified / 2, "only " + indexedV6 + " of " + classified
                    + " classifiers index IPv6 addresses");
        } else {
            assertEquals(0, indexedV6, "IPv4 chains indexed as IPv6");
        }
    }

    /** Runs the oldest few (or all) of the queued background rebuilds, as their thread would. */
    private static int runSome(List<Runnable> rebuilds, SplittableRandom rnd) {
        int n = rnd.nextBoolean() ? rebuilds.size() : rnd.nextInt(rebuilds.size() + 1);
        for (int i = 0; i < n; i++) {
            rebuilds.remove(0).run();
        }
        return n;
    }

    private static void sendAndCompare(Family f, Harness lin, Harness cls, SplittableRandom rnd, long seed,
            String rules, int i) {
        byte[] frame = f == Family.IPV6 ? packet6(rnd) : packet(rnd);
        String in = IFACES[rnd.nextInt(IFACES.length)];
        int a = lin.inject(f, Hook.FORWARD, frame, in, "eth1");
        int b = cls.inject(f, Hook.FORWARD, frame, in, "eth1");
        if (a != b || lin.last().mark() != cls.last().mark()) {
            throw new AssertionError("ruleset seed " + seed + ", packet " + i + ": linear verdict " + a
                    + " mark " + lin.last().mark() + ", classifier verdict " + b + " mark "
                    + cls.last().mark() + "\n" + rules + "\nnow:\n" + lin.sh(tool(f) + " -S").out());
        }
    }

    /**
     * One transaction of random single-rule edits (insert, append, replace, delete at random positions)
     * applied to both cores: one command, or up to 8 lines of {@code iptables-restore --noflush}.
     * Returns the number of edits.
     */
    private static int edit(Family f, Harness lin, Harness cls, SplittableRandom rnd, long seed, String rules)
            throws RulesetException {
        boolean v6 = f == Family.IPV6;
        List<ChainInfo> info = new ArrayList<>(lin.ruleset().table(f, "filter").chains());
        info.removeIf(c -> c.name().equals("INPUT") || c.name().equals("OUTPUT"));
        // FORWARD first, then the user chains in jump order (c0, c1, ...), as ruleset() made them.
        info.sort((x, y) -> x.name().equals("FORWARD") ? -1 : y.name().equals("FORWARD") ? 1
                : x.name().compareTo(y.name()));
        List<String> chains = new ArrayList<>();
        int[] size = new int[info.size()];
        for (ChainInfo c : info) {
            size[chains.size()] = c.rules().size();
            chains.add(c.name());
        }
        int batch = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(8) : 1;
        StringBuilder lines = new StringBuilder("*filter\n");
        for (int e = 0; e < batch; e++) {
            int c = rnd.nextInt(chains.size());
            String chain = chains.get(c);
            int op = rnd.nextInt(size[c] == 0 ? 2 : 4);
            String line;
            if (op == 0) {
                line = "-I " + chain + " " + (1 + rnd.nextInt(size[c] + 1))
                        + rule(rnd, new SplittableRandom(rnd.nextLong()), chains, c, v6);
                size[c]++;
            } else if (op == 1) {
                line = "-A " + chain + rule(rnd, new SplittableRandom(rnd.nextLong()), chains, c, v6);
                size[c]++;
            } else if (op == 2) {
                line = "-R " + chain + " " + (1 + rnd.nextInt(size[c]))
                        + rule(rnd, new SplittableRandom(rnd.nextLong()), chains, c, v6);
            } else {
                line = "-D " + chain + " " + (1 + rnd.nextInt(size[c]));
                size[c]--;
            }
            lines.append(line).append('\n');
        }
        String text = lines.append("COMMIT\n").toString();
        for (Harness h : new Harness[] { lin, cls }) {
            CommandFrontend.Result r = batch == 1 ? h.sh(tool(f) + " " + text.split("\n")[1])
                    : h.withInput(text, tool(f) + "-restore", "--noflush");
            if (!r.ok()) {
                throw new AssertionError("ruleset seed " + seed + ": edit fails: " + r.err() + "\n" + text + "\n" + rules);
            }
        }
        return batch;
    }

    private static String tool(Family f) {
        return f == Family.IPV6 ? "ip6tables" : "iptables";
    }

    private static Harness load(String rules, long seed, Family f) {
        Harness h = Rulesets.harness();
        CommandFrontend.Result r = h.withInput(rules, tool(f) + "-restore");
        if (!r.ok()) {
            throw new AssertionError("ruleset seed " + seed + " does not load: " + r.err() + "\n" + rules);
        }
        return h;
    }

    /** The chains of the filter table served by a classifier that passes the test. */
    private static int chains(Harness h, Family f, java.util.function.Predicate<ChainClassifier> test) {
        TableState t = ((RulesetImpl) h.ruleset()).live(f, "filter");
        int c = 0;
        for (ChainState s : t.slots) {
            if (s != null && s.classifier != null && test.test(s.classifier)) {
                c++;
            }
        }
        return c;
    }

    private static void assertSameCounters(Family f, Harness lin, Harness cls, long seed, String rules)
            throws RulesetException {
        TableInfo a = lin.ruleset().table(f, "filter");
        TableInfo b = cls.ruleset().table(f, "filter");
        assertEquals(a.chains().size(), b.chains().size());
        for (int c = 0; c < a.chains().size(); c++) {
            ChainInfo x = a.chains().get(c);
            ChainInfo y = b.chains().get(c);
            String where = "ruleset seed " + seed + ", chain " + x.name();
            assertEquals(x.packets(), y.packets(), where + " policy packets");
            assertEquals(x.bytes(), y.bytes(), where + " policy bytes");
            for (int r = 0; r < x.rules().size(); r++) {
                RuleInfo p = x.rules().get(r);
                RuleInfo q = y.rules().get(r);
                if (p.packets() != q.packets() || p.bytes() != q.bytes()) {
                    throw new AssertionError(where + " rule " + (r + 1) + " " + p.words() + ": linear "
                            + p.packets() + "/" + p.bytes() + ", classifier " + q.packets() + "/" + q.bytes()
                            + "\n" + rules);
                }
            }
        }
    }

    // ---- random rulesets ----

    /**
     * A filter table: FORWARD and up to 4 user chains; jumps and gotos only go to later chains, so there
     * are no loops. Each ruleset draws a few rule templates (shapes) and builds most rules from them, as
     * real rulesets repeat a few forms; the rest are free-form.
     */
    private static String ruleset(SplittableRandom rnd, boolean v6) {
        int users = rnd.nextInt(5);
        List<String> chains = new ArrayList<>();
        chains.add("FORWARD");
        for (int u = 0; u < users; u++) {
            chains.add("c" + u);
        }
        int templates = 1 + rnd.nextInt(5);
        long[] shapes = new long[templates];
        for (int t = 0; t < templates; t++) {
            shapes[t] = rnd.nextLong();
        }
        StringBuilder sb = new StringBuilder("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ")
                .append(rnd.nextBoolean() ? "ACCEPT" : "DROP").append(" [0:0]\n:OUTPUT ACCEPT [0:0]\n");
        for (int u = 0; u < users; u++) {
            sb.append(':').append(chains.get(u + 1)).append(" - [0:0]\n");
        }
        for (int c = 0; c < chains.size(); c++) {
            int n = rnd.nextInt(4) == 0 ? rnd.nextInt(12) : 16 + rnd.nextInt(120);
            for (int i = 0; i < n; i++) {
                long shape = rnd.nextInt(5) == 0 ? rnd.nextLong() : shapes[rnd.nextInt(templates)];
                sb.append("-A ").append(chains.get(c)).append(rule(rnd, new SplittableRandom(shape), chains, c, v6))
                        .append('\n');
            }
        }
        return sb.append("COMMIT\n").toString();
    }

    /** One rule: {@code shape} decides which options appear, {@code rnd} their values. */
    private static String rule(SplittableRandom rnd, SplittableRandom shape, List<String> chains, int chain,
            boolean v6) {
        StringBuilder r = new StringBuilder();
        if (shape.nextInt(3) > 0) {
            String a = v6 ? address6(rnd, shape) : address(rnd, shape);
            r.append(a.endsWith("/0") ? "" : neg(rnd, 8)).append(" -s ").append(a);
        }
        if (shape.nextInt(3) == 0) {
            String a = v6 ? address6(rnd, shape) : address(rnd, shape);
            r.append(a.endsWith("/0") ? "" : neg(rnd, 8)).append(" -d ").append(a);
        }
        if (shape.nextInt(6) == 0) {
            r.append(neg(rnd, 3)).append(" -i ").append(IFACES[rnd.nextInt(IFACES.length)]);
        }
        int proto = shape.nextInt(6);
        if (proto <= 1) {
            String p = proto == 0 ? "tcp" : "udp";
            r.append(neg(rnd, 10)).append(" -p ").append(p);
            if (r.indexOf("! -p") < 0) {
                r.append(" -m ").append(p);
                if (shape.nextInt(4) == 0) {
                    r.append(neg(rnd, 6)).append(" --sport ").append(ports(rnd, shape));
                }
                if (shape.nextInt(3) > 0) {
                    r.append(neg(rnd, 6)).append(" --dport ").append(ports(rnd, shape));
                }
                if (proto == 0 && shape.nextInt(5) == 0) {
                    r.append(" --tcp-flags SYN,ACK SYN");
                }
            }
        } else if (proto == 2) {
            r.append(neg(rnd, 6)).append(v6 ? " -p ipv6-icmp" : " -p icmp");
        } else if (proto == 3) {
            r.append(" -p ").append(47 + rnd.nextInt(3));
        }
        if (shape.nextInt(5) == 0) {
            r.append(" -m mark").append(neg(rnd, 4)).append(" --mark 0x").append(Integer.toHexString(rnd.nextInt(4)))
                    .append("/0x3");
        }
        int target = rnd.nextInt(20);
        if (target < 4) {
            r.append(" -j ACCEPT");
        } else if (target < 8) {
            r.append(" -j DROP");
        } else if (target < 10 && chain > 0) {
            r.append(" -j RETURN");
        } else if (target < 13) {
            r.append(" -j MARK --set-xmark 0x").append(Integer.toHexString(rnd.nextInt(4))).append("/0x3");
        } else if (target < 17 && chain + 1 < chains.size()) {
            String to = chains.get(chain + 1 + rnd.nextInt(chains.size() - chain - 1));
            r.append(rnd.nextInt(4) == 0 ? " -g " : " -j ").append(to);
        }
        // Otherwise no target: the rule only counts.
        return r.toString();
    }

    private static String neg(SplittableRandom rnd, int oneIn) {
        return rnd.nextInt(oneIn) == 0 ? " !" : "";
    }

    /** Addresses from a small universe (so packets hit rules), with varied and odd masks. */
    private static String address(SplittableRandom rnd, SplittableRandom shape) {
        String a = "10." + rnd.nextInt(2) + "." + rnd.nextInt(4) + "." + rnd.nextInt(8);
        int m = shape.nextInt(10);
        switch (m) {
            case 0: return a + "/255.0.255.0";
            case 1: return a + "/" + rnd.nextInt(33);
            default: return a + "/" + new int[] { 0, 8, 16, 24, 30, 31, 32, 32 }[m - 2];
        }
    }

    /**
     * IPv6 addresses from a small universe spread over all four words (2001:db8:A:B::C:D), with prefixes
     * ending in every word and non-contiguous masks.
     */
    private static String address6(SplittableRandom rnd, SplittableRandom shape) {
        String a = host6(rnd, 0);
        int m = shape.nextInt(12);
        switch (m) {
            case 0: return a + "/ffff:ffff:0:ffff::";
            case 1: return a + "/ffff::ffff";
            case 2: return a + "/ffff:ffff:ffff:ff00:ffff:ffff:ffff:ffff";
            case 3: return a + "/" + rnd.nextInt(129);
            default: return a + "/" + new int[] { 0, 32, 48, 52, 64, 96, 112, 127, 128 }[m - 4];
        }
    }

    private static String ports(SplittableRandom rnd, SplittableRandom shape) {
        int lo = PORTS[rnd.nextInt(PORTS.length)];
        if (shape.nextInt(3) > 0) {
            return Integer.toString(lo);
        }
        int hi = Math.min(65535, lo + rnd.nextInt(2000));
        return lo + ":" + hi;
    }

    // ---- random packets ----

    private static byte[] packet(SplittableRandom rnd) {
        Frames.Packet p = Frames.ipv4(host(rnd), host(rnd));
        int kind = rnd.nextInt(10);
        int sport = rnd.nextInt(3) == 0 ? rnd.nextInt(65536) : PORTS[rnd.nextInt(PORTS.length)];
        int dport = rnd.nextInt(3) == 0 ? rnd.nextInt(65536) : PORTS[rnd.nextInt(PORTS.length)] + rnd.nextInt(3);
        if (kind < 4) {
            p.tcp(sport, Math.min(dport, 65535)).flags(rnd.nextBoolean() ? Frames.SYN : Frames.SYN | Frames.ACK);
        } else if (kind < 7) {
            p.udp(sport, Math.min(dport, 65535));
        } else if (kind < 8) {
            p.icmp(8, 0);
        } else {
            p.raw(47 + rnd.nextInt(3), (byte) 0, (byte) 80, (byte) 0, (byte) 53);
        }
        if (rnd.nextInt(12) == 0) {
            p.fragment(8 * (1 + rnd.nextInt(4)), rnd.nextBoolean());
        }
        return p.build();
    }

    private static byte[] packet6(SplittableRandom rnd) {
        Frames.Packet p = Frames.ipv6(host6(rnd, 8), host6(rnd, 8));
        int ext = rnd.nextInt(8);
        if (ext == 0) {
            p.hopByHop();
        } else if (ext == 1) {
            p.destOptions();
        }
        int kind = rnd.nextInt(10);
        int sport = rnd.nextInt(3) == 0 ? rnd.nextInt(65536) : PORTS[rnd.nextInt(PORTS.length)];
        int dport = rnd.nextInt(3) == 0 ? rnd.nextInt(65536) : PORTS[rnd.nextInt(PORTS.length)] + rnd.nextInt(3);
        if (kind < 4) {
            p.tcp(sport, Math.min(dport, 65535)).flags(rnd.nextBoolean() ? Frames.SYN : Frames.SYN | Frames.ACK);
        } else if (kind < 7) {
            p.udp(sport, Math.min(dport, 65535));
        } else if (kind < 8) {
            p.icmp(128, 0);
        } else {
            p.raw(47 + rnd.nextInt(3), (byte) 0, (byte) 80, (byte) 0, (byte) 53);
        }
        if (rnd.nextInt(12) == 0) {
            p.fragment(8 * rnd.nextInt(4), rnd.nextBoolean());
        }
        return p.build();
    }

    /** A host of the small IPv6 universe, or (one in {@code randomOneIn}) a random address. */
    private static String host6(SplittableRandom rnd, int randomOneIn) {
        if (randomOneIn > 0 && rnd.nextInt(randomOneIn) == 0) {
            return org.pkttables.api.ext.InetText.formatIpv6(rnd.nextLong(), rnd.nextLong());
        }
        return "2001:db8:" + rnd.nextInt(2) + ":" + rnd.nextInt(4) + "::" + rnd.nextInt(2) + ":" + rnd.nextInt(8);
    }

    private static String host(SplittableRandom rnd) {
        if (rnd.nextInt(8) == 0) {
            return rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256);
        }
        return "10." + rnd.nextInt(2) + "." + rnd.nextInt(4) + "." + rnd.nextInt(8);
    }
}
