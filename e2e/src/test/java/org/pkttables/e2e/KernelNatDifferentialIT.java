package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13, acceptance 2: the kernel differential with NAT. The same nat, mangle (NPTv6) and filter rules
 * go into a kernel router in a network namespace ({@link KernelRouterLab}, r0 inside, r1 outside) and into
 * pkttables ({@link PkttablesForwarder#withNat}: the core, conntrack for IPv4 and IPv6, core.nat, ext.nptv6,
 * a router's path per packet); the same seeded first packets of TCP, UDP and ICMP echo flows go through
 * both, then for every request that came through the far end's answer (built from what arrived) goes back.
 * Compared: per packet, forwarded or not and the bytes from the IP header on, in both directions; per rule,
 * the {@code iptables-save -c}/{@code ip6tables-save -c} counters of the nat, mangle and filter tables.
 *
 * <p>Cases (IPv4 and IPv6, NAT66): SNAT to an address range with a port range (the address is the kernel's
 * find_best_ips_proto hash, the port kept), SNAT to one address and one port (a second client to the same
 * server clashes: the kernel drops it at confirm, pkttables when binding), SNAT to a range with
 * {@code --persistent}, one source socket to two servers through that range (the second flow keeps the
 * first one's mapping: find_appropriate_src), NETMAP of sources and of destinations, MASQUERADE (the
 * address of r1), DNAT port forwards from outside (to one port, and from one client socket to three ports
 * of a port range: the range searched from its first port, as 6.8's "restore default DNAT behavior"),
 * REDIRECT (to the router, dropped and counted in filter INPUT), NPTv6 (SNPT and DNPT), and MASQUERADE
 * clashes: two clients with the same port to the same server. Where the kernel picks a random port (the
 * clash) the bytes cannot be equal: for those requests only the verdict, the address, the port's range
 * and the checksums are compared, and the answers must come back to each client equal.
 *
 * <p>{@code -Dknat.seeds=N,M} picks the seeds, {@code -Dknat.flows=N} the flows per case.
 */
class KernelNatDifferentialIT {
    private static final long[] DEFAULT_SEEDS = { 1, 2 };
    private static final int DEFAULT_FLOWS = 12;

    @RegisterExtension
    static final Lab LAB = Lab.namespaces().needs("iptables-restore", "ip6tables-restore", "iptables-save",
            "ip6tables-save", "python3", "taskset");

    /** Rules that only count, in both families' filter FORWARD: what conntrack says of the packets. */
    private static final String COUNTING = String.join("\n", "-A FORWARD -m conntrack --ctstate DNAT",
            "-A FORWARD -m conntrack --ctstate SNAT", "-A FORWARD -m state --state NEW",
            "-A FORWARD -m state --state ESTABLISHED", "-A FORWARD -m state --state INVALID",
            "-A FORWARD -m conntrack --ctorigdstport 8080");
    private static final String NAT_CHAINS = ":PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
            + ":POSTROUTING ACCEPT [0:0]";

    static final String RULES4 = String.join("\n",
            "*nat",
            NAT_CHAINS,
            "-A PREROUTING -d 10.2.0.1/32 -i r1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.4.0.9:80",
            "-A PREROUTING -d 10.2.0.1/32 -i r1 -p udp -m udp --dport 5353 -j DNAT --to-destination 10.4.0.9:53",
            "-A PREROUTING -d 10.2.0.1/32 -i r1 -p icmp -j DNAT --to-destination 10.4.0.9",
            "-A PREROUTING -d 10.2.0.1/32 -i r1 -p udp -m udp --dport 6060:6069"
                    + " -j DNAT --to-destination 10.4.0.9:21000-21010",
            "-A PREROUTING -d 10.2.50.0/24 -i r1 -j NETMAP --to 10.4.50.0/24",
            "-A PREROUTING -i r0 -p udp -m udp --dport 7000 -j REDIRECT --to-ports 7001",
            "-A POSTROUTING -s 10.4.1.0/24 -o r1 -p tcp -j SNAT --to-source 10.2.0.100-10.2.0.103:1024-65535",
            "-A POSTROUTING -s 10.4.1.0/24 -o r1 -p udp -j SNAT --to-source 10.2.0.100-10.2.0.103:1024-65535",
            "-A POSTROUTING -s 10.4.1.0/24 -o r1 -j SNAT --to-source 10.2.0.100-10.2.0.103",
            "-A POSTROUTING -s 10.4.2.0/24 -o r1 -p udp -j SNAT --to-source 10.2.0.110:6000",
            "-A POSTROUTING -s 10.4.3.0/24 -o r1 -j SNAT --to-source 10.2.0.120-10.2.0.127 --persistent",
            "-A POSTROUTING -s 10.4.60.0/24 -o r1 -j NETMAP --to 10.2.60.0/24",
            "-A POSTROUTING -s 10.4.0.0/16 -o r1 -j MASQUERADE",
            "COMMIT",
            "*filter",
            ":INPUT ACCEPT [0:0]", ":FORWARD ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]",
            "-A INPUT -d 10.1.0.1/32 -i r0 -p udp -m udp --dport 7001 -j DROP",
            COUNTING,
            "-A FORWARD -m conntrack --ctreplsrc 10.4.0.9",
            "-A FORWARD -m conntrack --ctrepldst 10.2.0.0/16",
            "COMMIT", "");

    static final String RULES6 = String.join("\n",
            "*mangle",
            ":PREROUTING ACCEPT [0:0]", ":INPUT ACCEPT [0:0]", ":FORWARD ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]",
            ":POSTROUTING ACCEPT [0:0]",
            "-A PREROUTING -d fd05::/64 -i r1 -j DNPT --src-pfx fd05::/64 --dst-pfx fd04::/64",
            "-A POSTROUTING -s fd04::7:0/112 -o r1 -j SNPT --src-pfx fd04::/64 --dst-pfx fd05::/64",
            "COMMIT",
            "*nat",
            NAT_CHAINS,
            "-A PREROUTING -d fd02::1/128 -i r1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination [fd04::9]:80",
            "-A PREROUTING -d fd02::1/128 -i r1 -p udp -m udp --dport 5353 -j DNAT --to-destination [fd04::9]:53",
            "-A PREROUTING -d fd02::1/128 -i r1 -p ipv6-icmp -j DNAT --to-destination fd04::9",
            "-A PREROUTING -d fd02::1/128 -i r1 -p udp -m udp --dport 6060:6069"
                    + " -j DNAT --to-destination [fd04::9]:21000-21010",
            "-A PREROUTING -d fd02::50:0/112 -i r1 -j NETMAP --to fd04::50:0/112",
            "-A PREROUTING -i r0 -p udp -m udp --dport 7000 -j REDIRECT --to-ports 7001",
            "-A POSTROUTING -s fd04::1:0/112 -o r1 -j SNAT --to-source fd02::100-fd02::103",
            "-A POSTROUTING -s fd04::2:0/112 -o r1 -p udp -j SNAT --to-source [fd02::110]:6000",
            "-A POSTROUTING -s fd04::3:0/112 -o r1 -j SNAT --to-source fd02::120-fd02::127 --persistent",
            "-A POSTROUTING -s fd04::60:0/112 -o r1 -j NETMAP --to fd02::60:0/112",
            "-A POSTROUTING -s fd04::/64 -o r1 -j MASQUERADE",
            "COMMIT",
            "*filter",
            ":INPUT ACCEPT [0:0]", ":FORWARD ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]",
            "-A INPUT -d fd01::1/128 -i r0 -p udp -m udp --dport 7001 -j DROP",
            COUNTING,
            "-A FORWARD -m conntrack --ctreplsrc fd04::9",
            "COMMIT", "");

    /** Per case and direction: packets compared, and how many differed. */
    private final Map<String, int[]> table = new LinkedHashMap<>();

    @Test
    void pkttablesTranslatesAsTheKernelInBothDirections() throws Exception {
        String python = KernelRouterLab.python();
        long[] seeds = KernelRouterLab.seeds("knat.seeds", DEFAULT_SEEDS);
        int perCase = Integer.getInteger("knat.flows", DEFAULT_FLOWS);
        List<String> failures = new ArrayList<>();
        int compared = 0;
        for (long seed : seeds) {
            compared += runSeed(seed, perCase, python, failures);
        }
        StringBuilder t = new StringBuilder("KernelNatDifferentialIT: seeds " + Arrays.toString(seeds) + ", " + compared
                + " packets\n  case                       packets  equal  different\n");
        table.forEach((k, v) -> t.append(String.format("  %-26s %7d %6d %10d%n", k, v[0], v[0] - v[1], v[1])));
        System.out.print(t);
        assertTrue(failures.isEmpty(), failures.size() + " differences from the kernel:\n"
                + String.join("\n", failures.subList(0, Math.min(60, failures.size()))));
        assertTrue(compared >= seeds.length * perCase * 15, "only " + compared + " packets compared");
    }

    private void count(String row, boolean differs) {
        int[] c = table.computeIfAbsent(row, k -> new int[2]);
        c[0]++;
        c[1] += differs ? 1 : 0;
    }

    /** The flows of a seed: every case, IPv4 and IPv6. */
    static List<NatDiffTraffic.Flow> flows(NatDiffTraffic g, int n) {
        Random r = g.rnd();
        List<NatDiffTraffic.Flow> out = new ArrayList<>();
        for (boolean v6 : new boolean[] { false, true }) {
            String server = v6 ? "fd03::" : "10.3.0.";
            java.util.function.IntFunction<String> host = v6 ? i -> Integer.toHexString(i) : i -> Integer.toString(i);
            java.util.function.Supplier<String> srv = () -> server + host.apply(1 + r.nextInt(12));
            java.util.function.BiFunction<String, Integer, String> inside = v6
                    ? (block, i) -> "fd04::" + block + ":" + Integer.toHexString(i)
                    : (block, i) -> "10.4." + block + "." + i;
            // the cases, each with its own sources
            addCase(out, g, n, v6, "snat-range", false, true, k -> inside.apply("1", 2 + r.nextInt(250)), srv, null);
            addCase(out, g, n, v6, "snat-one-port", false, true, k -> inside.apply("2", 2 + r.nextInt(250)),
                    () -> server + host.apply(1 + r.nextInt(3)), "udp");
            addCase(out, g, n, v6, "snat-persistent", false, true, k -> inside.apply("3", 2 + r.nextInt(250)), srv, null);
            addCase(out, g, n, v6, "netmap-src", false, true, k -> inside.apply("60", 2 + r.nextInt(250)), srv, null);
            addCase(out, g, n, v6, "masquerade", false, true, k -> inside.apply(v6 ? "a" : "0", 10 + r.nextInt(240)), srv,
                    null);
            addCase(out, g, n, v6, "dnat-forward", true, true, k -> srv.get(), () -> v6 ? "fd02::1" : "10.2.0.1", null);
            addCase(out, g, n, v6, "netmap-dst", true, true, k -> srv.get(),
                    () -> v6 ? "fd02::50:" + Integer.toHexString(1 + r.nextInt(250)) : "10.2.50." + (1 + r.nextInt(250)),
                    null);
            addCase(out, g, n, v6, "redirect", false, true, k -> inside.apply(v6 ? "a" : "0", 10 + r.nextInt(240)), srv,
                    "udp");
            if (v6) {
                addCase(out, g, n, true, "nptv6-out", false, true, k -> inside.apply("7", 2 + r.nextInt(250)), srv, null);
                addCase(out, g, n, true, "nptv6-in", true, true, k -> srv.get(),
                        () -> "fd05::7:" + Integer.toHexString(2 + r.nextInt(250)), null);
            }
            // one socket to two servers through the address range: the second flow takes the first one's
            // address (find_appropriate_src), not the one the hash would give it
            NatDiffTraffic.Case same = new NatDiffTraffic.Case("snat-same-socket", v6, false, "r1", true);
            for (int i = 0; i < Math.max(1, n / 4); i++) {
                int port = g.nextPort();
                String s = inside.apply("1", 2 + r.nextInt(250));
                String proto = i % 2 == 0 ? "udp" : "tcp";
                out.add(new NatDiffTraffic.Flow(same, g.request(same, proto, s, server + host.apply(1 + i % 6), port, 53)));
                out.add(new NatDiffTraffic.Flow(same, g.request(same, proto, s, server + host.apply(7 + i % 6), port, 53)));
            }
            // one client socket to several forwarded ports of one port range: each next connection takes the
            // range's next port (DNAT searches from the first port without --random)
            NatDiffTraffic.Case range = new NatDiffTraffic.Case("dnat-port-range", v6, true, "r0", true);
            for (int i = 0; i < Math.max(1, n / 4); i++) {
                int port = g.nextPort();
                String c = srv.get();
                for (int k = 0; k < 3; k++) {
                    out.add(new NatDiffTraffic.Flow(range, g.request(range, "udp", c, v6 ? "fd02::1" : "10.2.0.1", port,
                            6060 + k)));
                }
            }
            // two clients, one port, one server: the second flow's port is the kernel's random pick
            NatDiffTraffic.Case clash = new NatDiffTraffic.Case("masquerade-clash", v6, false, "r1", false);
            for (int i = 0; i < Math.max(1, n / 4); i++) {
                int port = g.nextPort();
                String s = srv.get();
                out.add(new NatDiffTraffic.Flow(clash,
                        g.request(clash, "udp", inside.apply(v6 ? "b" : "5", 2 + 2 * i), s, port, 53)));
                out.add(new NatDiffTraffic.Flow(clash,
                        g.request(clash, "udp", inside.apply(v6 ? "b" : "5", 3 + 2 * i), s, port, 53)));
            }
        }
        return out;
    }

    private static void addCase(List<NatDiffTraffic.Flow> out, NatDiffTraffic g, int n, boolean v6, String name,
            boolean fromRight, boolean deterministic, java.util.function.IntFunction<String> src,
            java.util.function.Supplier<String> dst, String onlyProto) {
        String route = name.equals("redirect") ? null : fromRight ? "r0" : "r1";
        NatDiffTraffic.Case c = new NatDiffTraffic.Case(name, v6, fromRight, route, deterministic);
        for (int i = 0; i < n; i++) {
            String proto = onlyProto != null ? onlyProto : NatDiffTraffic.PROTOS[g.rnd().nextInt(3)];
            int dport;
            if (name.equals("redirect")) {
                dport = 7000;
            } else if (name.equals("dnat-forward")) {
                dport = proto.equals("tcp") ? 8080 : 5353;
            } else if (name.equals("snat-one-port")) {
                dport = 53;
            } else {
                dport = DiffVocab.PORTS[g.rnd().nextInt(DiffVocab.PORTS.length)];
            }
            out.add(new NatDiffTraffic.Flow(c, g.request(c, proto, src.apply(i), dst.get(), g.nextPort(), dport)));
        }
    }

    private int runSeed(long seed, int n, String python, List<String> failures) throws Exception {
        NatDiffTraffic gen = new NatDiffTraffic(seed, 1);
        List<NatDiffTraffic.Flow> flows = flows(gen, n);
        List<DiffPacket> requests = flows.stream().map(NatDiffTraffic.Flow::request).toList();
        Map<Integer, NatDiffTraffic.Flow> byId = new LinkedHashMap<>();
        flows.forEach(f -> byId.put(f.request().id(), f));

        // the kernel: requests, then the answers to what came through
        Map<Integer, byte[]> kReq;
        Map<Integer, byte[]> kRep;
        List<DiffPacket> kReplies = new ArrayList<>();
        String kSave4;
        String kSave6;
        String kStat;
        try (KernelRouterLab lab = new KernelRouterLab(LAB.home())) {
            lab.inRouter(RULES4, "iptables-restore");
            lab.inRouter(RULES6, "ip6tables-restore");
            kReq = lab.send(requests, python).byId();
            for (DiffPacket p : requests) {
                byte[] got = kReq.get(p.id());
                if (got != null) {
                    DiffPacket r = gen.reply(p, got);
                    if (r != null) {
                        kReplies.add(r);
                    }
                }
            }
            kRep = lab.send(kReplies, python).byId();
            kSave4 = lab.inRouter(null, "iptables-save", "-c").out();
            kSave6 = lab.inRouter(null, "ip6tables-save", "-c").out();
            kStat = lab.inRouter(null, "cat", "/proc/net/stat/nf_conntrack").out();
        }

        PkttablesForwarder pkt = PkttablesForwarder.withNat(seed, Map.of("r0", 0x0a010001L, "r1", 0x0a020001L),
                Map.of("r0", new long[] { 0xfd01_0000_0000_0000L, 1 }, "r1", new long[] { 0xfd02_0000_0000_0000L, 1 }));
        pkt.restore("iptables-restore", RULES4);
        pkt.restore("ip6tables-restore", RULES6);
        Map<Integer, byte[]> pReq = new LinkedHashMap<>();
        for (DiffPacket p : requests) {
            NatDiffTraffic.Flow f = byId.get(p.id());
            PkttablesForwarder.Outcome o = pkt.deliver(p, f.kase().out());
            if (o.accepted() && f.kase().out() != null) {
                pReq.put(p.id(), o.ip());
            }
            byte[] k = kReq.get(p.id());
            String row = (p.v6() ? "ipv6 " : "ipv4 ") + f.kase().name();
            String diff = null;
            if ((k != null) != pReq.containsKey(p.id())) {
                diff = "kernel " + (k != null ? "forwarded" : "did not forward") + ", pkttables "
                        + (pReq.containsKey(p.id()) ? "forwarded" : "did not forward");
            } else if (k != null && f.kase().deterministic() && !Arrays.equals(k, o.ip())) {
                diff = bytesDiffer(k, o.ip());
            } else if (k != null && !f.kase().deterministic() && !samePick(k, o.ip(), p.v6())) {
                diff = "the port picks differ beyond the random port: " + bytesDiffer(k, o.ip());
            }
            count(row + " request", diff != null);
            if (diff != null) {
                failures.add("seed " + seed + " packet " + p.id() + " (" + p.what() + "): " + diff);
            }
        }
        // the answers: each side answers what it delivered (the same bytes wherever the kernel is deterministic)
        for (DiffPacket p : requests) {
            byte[] mine = pReq.get(p.id());
            if (mine == null || !kReq.containsKey(p.id())) {
                continue;
            }
            NatDiffTraffic.Flow f = byId.get(p.id());
            DiffPacket r = gen.reply(p, mine);
            if (r == null) {
                continue;
            }
            PkttablesForwarder.Outcome o = pkt.deliver(r, r.outIface());
            byte[] k = kRep.get(r.id());
            String diff = null;
            if ((k != null) != o.accepted()) {
                diff = "kernel " + (k != null ? "forwarded" : "did not forward") + " the answer, pkttables "
                        + (o.accepted() ? "forwarded" : "did not forward") + " it";
            } else if (k != null && !Arrays.equals(k, o.ip())) {
                diff = "answer " + bytesDiffer(k, o.ip());
            }
            count((p.v6() ? "ipv6 " : "ipv4 ") + f.kase().name() + " answer", diff != null);
            if (diff != null) {
                failures.add("seed " + seed + " answer to " + p.id() + " (" + p.what() + "): " + diff);
            }
        }
        // new connections left without a unique tuple: dropped and counted alike (conntrack -S)
        long kFailed = procStat(kStat, "insert_failed");
        long kDrop = procStat(kStat, "drop");
        var stats = pkt.conntrackStats();
        if (kFailed != stats.insertFailed() || kDrop != stats.drop()) {
            failures.add("seed " + seed + " conntrack -S: kernel insert_failed=" + kFailed + " drop=" + kDrop
                    + ", pkttables insert_failed=" + stats.insertFailed() + " drop=" + stats.drop());
        }
        count("conntrack -S insert_failed/drop", kFailed != stats.insertFailed() || kDrop != stats.drop());
        if (kFailed == 0) {
            failures.add("seed " + seed + ": the kernel refused no connection: the one-port SNAT case says little");
        }
        // the cases exercise what they are named for
        long spread = kReq.entrySet().stream().filter(x -> byId.get(x.getKey()).kase().name().equals("snat-range"))
                .map(x -> WireBytes.hex(x.getValue(), x.getValue()[0] >>> 4 == 6 ? 8 : 12, x.getValue()[0] >>> 4 == 6 ? 16 : 4))
                .distinct().count();
        if (spread < 4) {
            failures.add("seed " + seed + ": the kernel mapped the snat-range flows to only " + spread + " addresses");
        }
        failures.addAll(compareCounters("seed " + seed + " iptables-save", kSave4, pkt.save("iptables-save")));
        failures.addAll(compareCounters("seed " + seed + " ip6tables-save", kSave6, pkt.save("ip6tables-save")));
        return requests.size() + kReplies.size();
    }

    /** A column of /proc/net/stat/nf_conntrack (hexadecimal, one line per CPU), summed. */
    static long procStat(String stat, String column) {
        String[] lines = stat.trim().split("\n");
        java.util.List<String> head = Arrays.asList(lines[0].trim().split("\\s+"));
        int i = head.indexOf(column);
        if (i < 0) {
            throw new AssertionError("no column " + column + " in /proc/net/stat/nf_conntrack: " + lines[0]);
        }
        long sum = 0;
        for (int l = 1; l < lines.length; l++) {
            sum += Long.parseLong(lines[l].trim().split("\\s+")[i], 16);
        }
        return sum;
    }

    private static String bytesDiffer(byte[] k, byte[] p) {
        return "bytes differ\n    kernel    " + WireBytes.hex(k, 0, Math.min(k.length, 64)) + "\n    pkttables "
                + (p == null ? "-" : WireBytes.hex(p, 0, Math.min(p.length, 64)));
    }

    /**
     * A request whose source port the kernel picked at random: equal but for the source port and the
     * checksums that cover it; the two picks both in the port's class, and each checksum right.
     */
    private static boolean samePick(byte[] k, byte[] p, boolean v6) {
        if (k.length != p.length) {
            return false;
        }
        int l4 = v6 ? 40 : (k[0] & 0x0f) * 4;
        int ks = (k[l4] & 0xff) << 8 | (k[l4 + 1] & 0xff);
        int ps = (p[l4] & 0xff) << 8 | (p[l4 + 1] & 0xff);
        if (ks < 1024 || ps < 1024) {
            return false;
        }
        byte[] a = k.clone();
        byte[] b = p.clone();
        for (byte[] x : new byte[][] { a, b }) {
            x[l4] = 0;
            x[l4 + 1] = 0;
            x[l4 + 6] = 0; // UDP checksum (the clash flows are UDP)
            x[l4 + 7] = 0;
        }
        return Arrays.equals(a, b) && udpChecksumOk(k, l4, v6) && udpChecksumOk(p, l4, v6);
    }

    private static boolean udpChecksumOk(byte[] ip, int l4, boolean v6) {
        byte[] src = Arrays.copyOfRange(ip, v6 ? 8 : 12, v6 ? 24 : 16);
        byte[] dst = Arrays.copyOfRange(ip, v6 ? 24 : 16, v6 ? 40 : 20);
        byte[] seg = Arrays.copyOfRange(ip, l4, ip.length);
        int c = (seg[6] & 0xff) << 8 | (seg[7] & 0xff);
        seg[6] = 0;
        seg[7] = 0;
        int want = WireBytes.l4Checksum(src, dst, 17, seg);
        return c == (want == 0 ? 0xffff : want);
    }

    /**
     * Rule and chain counters, keyed by table, chain, position and text. The router's own packets (IPv6
     * neighbour and listener messages it may send) pass the OUTPUT and POSTROUTING policies of mangle and
     * filter, so those policy counters are left out.
     */
    static Map<String, String> counters(String save) {
        return SaveCounters.of(save, (table, chain, policy) -> !policy || table.equals("nat")
                || !chain.equals("OUTPUT") && !chain.equals("POSTROUTING"));
    }

    private static List<String> compareCounters(String what, String kernel, String pkt) {
        return SaveCounters.compare(what, counters(kernel), counters(pkt), key -> { });
    }
}
