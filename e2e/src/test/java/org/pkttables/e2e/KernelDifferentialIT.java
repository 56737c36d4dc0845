package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 5, acceptance 2: the differential verdict test against the kernel. For several seeds, a generated
 * IPv4 and IPv6 ruleset (mangle and filter FORWARD with user chains, jumps, gotos, RETURNs, negations,
 * rewriting targets, ipset sets) is loaded into a kernel router in a network namespace and into pkttables;
 * the same generated frames go through both. Per packet: same verdict (forwarded or not) and, when
 * forwarded, the same bytes from the IP header on (TOS/DSCP/TTL/HL/ECN rewrites, checksums); per rule:
 * the same packet and byte counters in {@code iptables-save -c}. The kernel is the oracle.
 *
 * <p>Reproduce one seed with {@code -Dkdiff.seeds=N}; {@code -Dkdiff.packets=N} sets the packets per seed;
 * {@code -Dkdiff.linear=true} runs pkttables with the reference interpreter instead of the classifier.
 * On a difference the message names the seed, the packet (description and bytes), its path through
 * pkttables' rules, and the packets pkttables counted on each rule whose counters differ.
 *
 * <p>Issue 11, finding 3: each seed has a second run with a stateless ruleset (no conntrack, so the kernel
 * does not reassemble IPv4 fragments) and traffic of which a large share is cut short or odd: transport
 * headers cut at every length, tiny first fragments, TCP fragments at offset 8, later fragments, bad IPv4
 * header lengths, IPv6 extension headers cut short, Ethernet padding ({@link DiffTraffic}'s ShortStray);
 * {@code -Dkdiff.shortPackets=N} sets its size. And the five frames of the issue (plus an offset-8 TCP
 * fragment and controls) go through the issue's ruleset: the kernel must drop them, pkttables the same.
 *
 * <p>Known differences kept out of the generator (each commented where it is excluded): nf_tables'
 * transport offset 0 on later IPv6 fragments, AH taken as the protocol by nf_tables, and a SYN reusing an
 * unanswered SYN_SENT entry with a lower sequence number (conntrack).
 */
class KernelDifferentialIT {
    private static final long[] DEFAULT_SEEDS = { 1, 2, 3 };
    private static final int DEFAULT_PACKETS = 3500;
    private static final int DEFAULT_SHORT_PACKETS = 1500;
    private static final List<String> HOOK_CHAINS = List.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING");

    @RegisterExtension
    static final Lab LAB = Lab.namespaces().needs("iptables-restore", "ip6tables-restore", "iptables-save", "ipset",
            "python3", "taskset");

    @Test
    void pkttablesAgreesWithTheKernelPacketByPacket() throws Exception {
        String python = KernelRouterLab.python();
        long[] seeds = KernelRouterLab.seeds("kdiff.seeds", DEFAULT_SEEDS);
        int perSeed = Integer.getInteger("kdiff.packets", DEFAULT_PACKETS);
        int shortPerSeed = Integer.getInteger("kdiff.shortPackets", DEFAULT_SHORT_PACKETS);

        Set<String> extensions = new TreeSet<>();
        Set<String> exercised = new TreeSet<>();
        int packets = 0;
        int forwarded = 0;
        int rewritten = 0;
        List<String> failures = new ArrayList<>();
        int shortPackets = 0;
        int tagged = 0;
        int taggedForwarded = 0;
        Set<String> shortExercised = new TreeSet<>();
        failures.addAll(issueElevenFrames(python));
        for (long seed : seeds) {
            Run run = runSeed(seed, perSeed, python, false);
            extensions.addAll(run.extensions);
            exercised.addAll(run.exercised);
            packets += run.packets;
            forwarded += run.forwarded;
            rewritten += run.rewritten;
            failures.addAll(run.failures);
            Run shortRun = runSeed(seed, shortPerSeed, python, true);
            shortPackets += shortRun.packets;
            tagged += shortRun.tagged;
            taggedForwarded += shortRun.taggedForwarded;
            shortExercised.addAll(shortRun.exercised);
            failures.addAll(shortRun.failures);
        }
        System.out.printf("KernelDifferentialIT: seeds %s, %d packets (%d forwarded, %d of them rewritten), %d extensions"
                + " in the rules %s, %d of them in rules that counted packets in the kernel %s%n", Arrays.toString(seeds),
                packets, forwarded, rewritten, extensions.size(), extensions, exercised.size(), exercised);
        System.out.printf("KernelDifferentialIT short headers: %d packets through stateless rulesets, %d of them cut short"
                + " or odd (%d forwarded by the kernel), extensions that counted packets %s%n", shortPackets, tagged,
                taggedForwarded, shortExercised);
        assertTrue(failures.isEmpty(), failures.size() + " differences from the kernel:\n"
                + String.join("\n", failures.subList(0, Math.min(failures.size(), 60))));
        if (System.getProperty("kdiff.seeds") == null) {
            assertTrue(tagged >= shortPackets / 5, "only " + tagged + " short frames in " + shortPackets);
            // both outcomes must occur often among the short frames too
            assertTrue(taggedForwarded > tagged / 10 && taggedForwarded < tagged * 9 / 10,
                    taggedForwarded + " of " + tagged + " short frames forwarded");
        }
        if (System.getProperty("kdiff.seeds") == null) {
            assertTrue(packets >= 10_000, "only " + packets + " packets compared");
            assertTrue(extensions.size() >= 30, "only " + extensions.size() + " extensions used: " + extensions);
            assertTrue(exercised.size() >= 30, "only " + exercised.size() + " extensions in rules that counted packets: " + exercised);
            // both outcomes must occur often, else the comparison says little
            assertTrue(forwarded > packets / 5 && forwarded < packets * 4 / 5, forwarded + " of " + packets + " forwarded");
            assertTrue(rewritten > forwarded / 10, "only " + rewritten + " forwarded packets were rewritten by mangle targets");
        }
    }

    private record Run(Set<String> extensions, Set<String> exercised, int packets, int forwarded, int rewritten,
            int tagged, int taggedForwarded, Set<Integer> kernelForwarded, List<String> failures) {
    }

    private Run runSeed(long seed, int count, String python, boolean shortHeaders) throws Exception {
        DiffRuleset rules4 = new DiffRuleset(seed, false, shortHeaders);
        DiffRuleset rules6 = new DiffRuleset(seed, true, shortHeaders);
        String file4 = rules4.restoreFile();
        String file6 = rules6.restoreFile();
        List<DiffPacket> traffic = new DiffTraffic(seed, 1, shortHeaders).generate(count);
        Set<String> exts = new TreeSet<>(rules4.used());
        exts.addAll(rules6.used());
        String what = shortHeaders ? "seed " + seed + " (short headers)" : "seed " + seed;
        return compare(what, shortHeaders ? -seed : seed, file4, file6, traffic, !shortHeaders, python, exts);
    }

    /**
     * Issue 11's five frames (a TCP header cut to 10 bytes to port 80, a 4-byte TCP header to port 23, a
     * 4-byte UDP header to port 53, a 1-byte ICMP echo request, an 8-byte first fragment to port 22), a TCP
     * fragment at offset 8, and controls, through the issue's ruleset (policy ACCEPT, DROP on those ports
     * and types): the kernel must drop the first six and forward the controls, and pkttables must agree.
     */
    private List<String> issueElevenFrames(String python) throws Exception {
        String rules4 = String.join("\n", "*filter", ":FORWARD ACCEPT [0:0]",
                "-A FORWARD -p tcp -m tcp --dport 80 -j DROP",
                "-A FORWARD -p tcp -m tcp --dport 23 -j DROP",
                "-A FORWARD -p udp -m udp --dport 53 -j DROP",
                "-A FORWARD -p icmp -m icmp --icmp-type 8 -j DROP",
                "-A FORWARD -p tcp -m tcp --dport 22 -j DROP",
                "-A FORWARD -p tcp -f -m tcp --tcp-option 8 -j ACCEPT",
                "COMMIT", "");
        String rules6 = String.join("\n", "*filter", ":FORWARD ACCEPT [0:0]",
                "-A FORWARD -p tcp -m tcp --dport 80 -j DROP",
                "-A FORWARD -p tcp -m tcp --dport 23 -j DROP",
                "-A FORWARD -p udp -m udp --dport 53 -j DROP",
                "-A FORWARD -p ipv6-icmp -m icmp6 --icmpv6-type 128 -j DROP",
                "-A FORWARD -p tcp -m tcp --dport 22 -j DROP",
                "COMMIT", "");
        IssueFrames frames = new IssueFrames();
        Run run = compare("issue 11 frames", 11, rules4, rules6, frames.packets, false, python, new TreeSet<>());
        List<String> out = new ArrayList<>(run.failures);
        for (DiffPacket p : frames.packets) {
            boolean expectDrop = frames.dropped.contains(p.id());
            if (run.kernelForwarded.contains(p.id()) == expectDrop) {
                out.add("issue 11 frames: the kernel " + (expectDrop ? "forwarded" : "dropped") + " packet " + p.id() + " ("
                        + p.what() + "), expected the opposite: the oracle changed?");
            }
        }
        System.out.println("KernelDifferentialIT issue 11 frames: " + frames.packets.size() + " frames, "
                + frames.dropped.size() + " to be dropped, " + run.kernelForwarded.size() + " forwarded by the kernel");
        return out;
    }

    private Run compare(String what, long seed, String file4, String file6, List<DiffPacket> traffic, boolean conntrack,
            String python, Set<String> exts) throws Exception {
        Set<String> hit = new TreeSet<>();
        KernelRouterLab.Delivered kernel;
        String kSave4;
        String kSave6;
        try (KernelRouterLab lab = new KernelRouterLab(LAB.home())) {
            for (String c : DiffRuleset.ipsetCommands()) {
                lab.inRouter(null, c.split(" "));
            }
            lab.inRouter(file4, "iptables-restore");
            lab.inRouter(file6, "ip6tables-restore");
            kernel = lab.send(traffic, python);
            kSave4 = lab.inRouter(null, "iptables-save", "-c").out();
            kSave6 = lab.inRouter(null, "ip6tables-save", "-c").out();
            hit.addAll(exercised(kSave4));
            hit.addAll(exercised(kSave6));
        }

        PkttablesForwarder pkt = pkttables(seed, file4, file6, conntrack);
        List<String> failures = new ArrayList<>();
        List<DiffPacket> differing = new ArrayList<>();
        int forwarded = 0;
        int rewritten = 0;
        int tagged = 0;
        int taggedForwarded = 0;
        Set<Integer> kernelForwarded = new TreeSet<>();
        for (DiffPacket p : traffic) {
            PkttablesForwarder.Outcome o = pkt.forward(p);
            byte[] k = kernel.byId().get(p.id());
            tagged += p.tagged() ? 1 : 0;
            if (k != null) {
                forwarded++;
                taggedForwarded += p.tagged() ? 1 : 0;
                kernelForwarded.add(p.id());
                byte[] in = PkttablesForwarder.forwardedView(p);
                if (!Arrays.equals(k, Arrays.copyOfRange(in, 14, 14 + KernelRouterLab.ipLength(in)))) {
                    rewritten++; // a mangle target changed more than the TTL / hop limit
                }
            }
            String diff = null;
            if (o.accepted() != (k != null)) {
                diff = "kernel " + (k != null ? "forwarded" : "dropped") + ", pkttables " + (o.accepted() ? "accepted" : "dropped");
            } else if (k != null && !Arrays.equals(k, o.ip())) {
                diff = "rewritten bytes differ\n    kernel    " + WireBytes.hex(k, 0, Math.min(k.length, 64))
                        + "\n    pkttables " + WireBytes.hex(o.ip(), 0, Math.min(o.ip().length, 64));
            }
            if (diff != null) {
                differing.add(p);
                failures.add(what + " packet " + p.id() + " (" + p.what() + "): " + diff + "\n    frame "
                        + WireBytes.hex(p.frame(), 0, p.frame().length));
            }
        }
        Set<String> rulesDiffering = new TreeSet<>();
        failures.addAll(compareCounters(what, "iptables-save", kSave4, pkt.save("iptables-save"), rulesDiffering));
        failures.addAll(compareCounters(what, "ip6tables-save", kSave6, pkt.save("ip6tables-save"), rulesDiffering));
        if (!failures.isEmpty()) {
            failures.addAll(paths(what, seed, file4, file6, conntrack, traffic, differing, rulesDiffering));
            System.out.println("KernelDifferentialIT " + what + " IPv4 ruleset:\n" + file4 + "\nIPv6 ruleset:\n" + file6);
        }
        return new Run(exts, hit, traffic.size(), forwarded, rewritten, tagged, taggedForwarded, kernelForwarded, failures);
    }

    private static PkttablesForwarder pkttables(long seed, String file4, String file6, boolean conntrack) {
        PkttablesForwarder pkt = new PkttablesForwarder(seed, conntrack);
        for (String c : DiffRuleset.ipsetCommands()) {
            pkt.sh(c);
        }
        pkt.restore("iptables-restore", file4);
        pkt.restore("ip6tables-restore", file6);
        return pkt;
    }

    /**
     * Where pkttables took the first differing packets, and which packets counted on the rules whose
     * counters differ: a fresh run of the same seed (the generated state is deterministic) with the
     * counters saved around each packet.
     */
    private static List<String> paths(String what, long seed, String file4, String file6, boolean conntrack,
            List<DiffPacket> traffic, List<DiffPacket> differing, Set<String> rulesDiffering) {
        List<String> out = new ArrayList<>();
        Set<Integer> wanted = new TreeSet<>();
        differing.stream().limit(5).forEach(p -> wanted.add(p.id()));
        Map<String, List<String>> hits = new LinkedHashMap<>();
        PkttablesForwarder pkt = pkttables(seed, file4, file6, conntrack);
        for (DiffPacket p : traffic) {
            String save = p.v6() ? "ip6tables-save" : "iptables-save";
            boolean look = wanted.contains(p.id()) || !rulesDiffering.isEmpty();
            Map<String, String> before = look ? counters(pkt.save(save)) : null;
            pkt.forward(p);
            if (before != null) {
                StringBuilder s = new StringBuilder(what + " packet " + p.id() + " path through pkttables:");
                counters(pkt.save(save)).forEach((rule, c) -> {
                    if (!c.equals(before.get(rule))) {
                        s.append("\n    ").append(rule);
                        String key = save + " " + rule;
                        if (rulesDiffering.contains(key)) {
                            List<String> l = hits.computeIfAbsent(key, x -> new ArrayList<>());
                            if (l.size() < 3) {
                                l.add(p.id() + " (" + p.what() + ") " + WireBytes.hex(p.frame(), 0, p.frame().length));
                            }
                        }
                    }
                });
                if (wanted.contains(p.id())) {
                    out.add(s.toString());
                }
            }
        }
        hits.forEach((rule, l) -> out.add(what + " pkttables counted on " + rule + ":\n    " + String.join("\n    ", l)));
        return out;
    }

    /** Rule (table, chain and text, with its index in the chain) -> "[packets:bytes]", FORWARD and user chains only. */
    private static Map<String, String> counters(String save) {
        return SaveCounters.of(save, (table, chain, policy) -> !HOOK_CHAINS.contains(chain));
    }

    /** Extensions named ("-m NAME", "-j NAME") by rules whose kernel counters are not zero. */
    private static Set<String> exercised(String save) {
        Set<String> out = new TreeSet<>();
        for (String line : save.split("\n")) {
            if (line.startsWith("[") && !line.startsWith("[0:")) {
                String[] w = line.split(" ");
                for (int i = 0; i + 1 < w.length; i++) {
                    if (w[i].equals("-m") || (w[i].equals("-j") && !w[i + 1].matches("[mf]c\\d+"))) {
                        out.add(w[i + 1]);
                    }
                }
            }
        }
        return out;
    }

    private static List<String> compareCounters(String run, String what, String kernel, String pkt, Set<String> differing) {
        Map<String, String> k = counters(kernel);
        Map<String, String> p = counters(pkt);
        List<String> out = SaveCounters.compare(run + " " + what, k, p, key -> differing.add(what + " " + key));
        for (String key : p.keySet()) {
            if (!k.containsKey(key) && (key.startsWith("filter ") || key.startsWith("mangle "))) {
                out.add(run + " " + what + ": kernel has no line for pkttables' " + key);
            }
        }
        return out;
    }
}
