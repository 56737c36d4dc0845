package org.pkttables.e2e;

import static org.pkttables.e2e.DiffVocab.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Seeded generator of the differential test's rulesets: for one family, an iptables-restore file with a
 * mangle FORWARD chain (rewriting targets, marks) and a filter FORWARD chain, each with user chains reached
 * by jumps and gotos (only to later chains, so there are no loops), RETURNs, negations and verdicts.
 *
 * <p>Only extensions whose kernel behaviour is a function of the packet sequence are used. Excluded or
 * restricted on purpose: limit/hashlimit only with bursts larger than all traffic of a run (so they
 * always match), statistic only in nth mode, conntrack-based matches and targets only in IPv4 rules with
 * {@code -p tcp|udp|icmp} (the kernel's SCTP tracker differs from a generic one), addrtype only
 * UNICAST/LOCAL/MULTICAST/BROADCAST over routed addresses (both sides then agree without a routing
 * table), pkttype only over unicast frames.
 *
 * <p>A {@code stateless} ruleset (for the short-header traffic) uses no conntrack at all, so the kernel
 * does not reassemble IPv4 fragments, and a third of its matches are the forms whose short-header
 * semantics differ: {@code -m tcp} / {@code -m udp} alone (xt matches: hotdrop), both ports inverted
 * (one 32-bit payload compare), hashlimit with a port mode, icmp "any", sctp chunks.
 */
final class DiffRuleset {
    private static final Set<String> CONNTRACK = Set.of("conntrack", "state", "connmark", "connbytes");

    private final Random rnd;
    private final boolean v6;
    private final long seed;
    private final boolean stateless;
    private final Set<String> used = new TreeSet<>();
    private int ruleNo;

    DiffRuleset(long seed, boolean v6) {
        this(seed, v6, false);
    }

    DiffRuleset(long seed, boolean v6, boolean stateless) {
        this.seed = seed;
        this.v6 = v6;
        this.stateless = stateless;
        this.rnd = new Random(seed * 31 + (v6 ? 1 : 0) + (stateless ? 1_000_003 : 0));
    }

    /** The extensions (match and target names) the generated rules use. */
    Set<String> used() {
        return used;
    }

    /** The {@code ipset} commands creating the sets the rules refer to, identical on both sides. */
    static List<String> ipsetCommands() {
        List<String> c = new ArrayList<>();
        c.add("ipset create kd4ip hash:ip");
        c.add("ipset create kd4net hash:net");
        c.add("ipset create kd4ipport hash:ip,port");
        c.add("ipset create kd6ip hash:ip family inet6");
        c.add("ipset create kd6net hash:net family inet6");
        for (int i = 0; i < HOSTS; i += 3) {
            c.add("ipset add kd4ip " + left4(i));
            c.add("ipset add kd6ip " + left6(i));
        }
        c.add("ipset add kd4net 10.3.0.0/29");
        c.add("ipset add kd6net fd03::/125");
        c.add("ipset add kd4ipport " + right4(1) + ",tcp:80");
        c.add("ipset add kd4ipport " + right4(2) + ",udp:53");
        c.add("ipset add kd4ipport " + right4(3) + ",tcp:443");
        return c;
    }

    String restoreFile() {
        StringBuilder s = new StringBuilder();
        table(s, "mangle", "m", 3, 12, true);
        table(s, "filter", "f", 4, 20, false);
        return s.toString();
    }

    private void table(StringBuilder s, String table, String prefix, int chains, int baseRules, boolean mangle) {
        s.append('*').append(table).append('\n');
        s.append(":FORWARD ").append(!mangle && rnd.nextInt(4) == 0 ? "DROP" : "ACCEPT").append(" [0:0]\n");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < chains; i++) {
            names.add(prefix + "c" + i);
            s.append(':').append(prefix).append("c").append(i).append(" - [0:0]\n");
        }
        rules(s, "FORWARD", baseRules, names, 0, mangle);
        for (int i = 0; i < chains; i++) {
            rules(s, names.get(i), 4 + rnd.nextInt(6), names, i + 1, mangle);
        }
        s.append("COMMIT\n");
    }

    /** {@code n} rules of {@code chain}; jumps only to chains from index {@code laterFrom}. */
    private void rules(StringBuilder s, String chain, int n, List<String> chains, int laterFrom, boolean mangle) {
        boolean user = !chain.equals("FORWARD");
        for (int i = 0; i < n; i++) {
            Rule r = new Rule();
            int units = 1 + rnd.nextInt(3);
            for (int u = 0; u < units * 3 && r.units < units; u++) {
                r.tryAdd(stateless ? statelessMatch() : pickMatch());
            }
            if (rnd.nextInt(8) == 0) {
                r.text.append(rnd.nextBoolean() ? " -i " : " ! -o ").append(rnd.nextBoolean() ? "r0" : "r1");
            }
            if (mangle && rnd.nextInt(14) == 0) {
                // TCPMSS only where the kernel allows it (SYN) and where an MSS option is present: the
                // kernel would add a missing option, growing the packet, which pkttables does not do
                // (--clamp-mss-to-pmtu is left out too: pkttables assumes an MTU of 1500)
                used.add("TCPMSS");
                used.add("tcpmss");
                used.add("tcp");
                s.append("-A ").append(chain).append(" -p tcp -m tcp --tcp-flags SYN,RST SYN -m tcpmss --mss 500:1500 -j TCPMSS --set-mss ")
                        .append(pickInt(MSS) - 36).append('\n');
                ruleNo++;
                continue;
            }
            String target = target(r, chain, user, chains, laterFrom, mangle);
            s.append("-A ").append(chain).append(r.proto == null ? "" : " -p " + r.proto).append(r.text)
                    .append(target).append('\n');
            ruleNo++;
        }
    }

    // ---- targets ----

    private String target(Rule r, String chain, boolean user, List<String> chains, int laterFrom, boolean mangle) {
        int k = rnd.nextInt(100);
        if (laterFrom < chains.size() && k < 18) {
            String to = chains.get(laterFrom + rnd.nextInt(chains.size() - laterFrom));
            return (rnd.nextInt(4) == 0 ? " -g " : " -j ") + to;
        }
        if (k < 26) {
            return ""; // counting only
        }
        if (user && k < 34) {
            return use(" -j RETURN", "RETURN");
        }
        if (k < 40) {
            return use(" -j LOG --log-prefix \"kd" + ruleNo + " \"", "LOG");
        }
        if (k < 52) {
            return use(" -j MARK " + pickFn(
                    () -> "--set-mark " + hx(pickInt(MARKS)),
                    () -> "--set-xmark " + hx(pickInt(MARKS)) + "/0xff",
                    () -> "--or-mark " + hx(pickInt(MARKS)),
                    () -> "--and-mark 0x" + Integer.toHexString(0xf0 | rnd.nextInt(16))), "MARK");
        }
        if (!v6 && !stateless && r.ctProto() && k < 58) {
            return use(" -j CONNMARK " + pickFn(() -> "--set-mark " + hx(pickInt(MARKS)), () -> "--save-mark",
                    () -> "--restore-mark"), "CONNMARK");
        }
        if (mangle) {
            if (k < 66) {
                return use(" -j TOS --set-tos 0x" + Integer.toHexString(pickInt(DSCPS) << 2) + "/0xfc", "TOS");
            }
            if (k < 74) {
                return use(" -j DSCP --set-dscp 0x" + Integer.toHexString(pickInt(DSCPS)), "DSCP");
            }
            if (k < 82) {
                String t = v6 ? "HL" : "TTL";
                String o = v6 ? "--hl-" : "--ttl-";
                return use(" -j " + t + " " + pickFn(() -> o + "set " + pickInt(TTLS), () -> o + "dec 1", () -> o + "inc 3"), t);
            }
            if (!v6 && "tcp".equals(r.proto) && k < 85) {
                return use(" -j ECN --ecn-tcp-remove", "ECN");
            }
            if ("tcp".equals(r.proto) && k < 87) {
                return use(" -j TCPOPTSTRIP --strip-options " + pick(new String[] { "mss", "sack-permitted,timestamp", "timestamp", "mss,sack-permitted" }), "TCPOPTSTRIP");
            }
            if (k < 90) {
                return use(" -j CLASSIFY --set-class " + (1 + rnd.nextInt(3)) + ":" + (1 + rnd.nextInt(20)), "CLASSIFY");
            }
            if (k < 93) {
                return use(" -j DROP", "DROP");
            }
            return use(" -j ACCEPT", "ACCEPT");
        }
        if (k < 78) {
            return use(" -j ACCEPT", "ACCEPT");
        }
        if (k < 90) {
            return use(" -j DROP", "DROP");
        }
        String with;
        if ("tcp".equals(r.proto) && rnd.nextBoolean()) {
            with = "tcp-reset";
        } else {
            with = v6 ? pick(new String[] { "icmp6-port-unreachable", "icmp6-adm-prohibited", "icmp6-no-route" })
                    : pick(new String[] { "icmp-port-unreachable", "icmp-host-prohibited", "icmp-net-unreachable" });
        }
        return use(" -j REJECT --reject-with " + with, "REJECT");
    }

    // ---- matches ----

    /** One match unit: its text, the protocol it needs (or null), the extension it uses. */
    private record Unit(String text, String proto, String ext) {
    }

    private final class Rule {
        final StringBuilder text = new StringBuilder();
        String proto;
        int units;
        final Set<String> exts = new TreeSet<>();

        void tryAdd(Unit u) {
            if (u == null || exts.contains(u.ext) || (u.proto != null && proto != null && !u.proto.equals(proto))) {
                return;
            }
            if (u.proto != null) {
                proto = u.proto;
            }
            text.append(' ').append(u.text);
            exts.add(u.ext);
            used.add(u.ext);
            units++;
        }

        boolean ctProto() {
            return "tcp".equals(proto) || "udp".equals(proto) || "icmp".equals(proto);
        }
    }

    private Unit pickMatch() {
        int k = rnd.nextInt(v6 ? 32 : 33);
        String not = rnd.nextInt(5) == 0 ? "! " : "";
        String icmpP = v6 ? "ipv6-icmp" : "icmp";
        return switch (k) {
        // tcp/udp/sctp options name their match explicitly: after "-m multiport", a bare "--dport"
        // would be taken as multiport's abbreviation of --destination-ports
        case 0 -> new Unit("-m tcp " + pickFn(() -> not + "--dport " + pickInt(PORTS), () -> "--sport " + portRange(),
                () -> "--tcp-flags " + pick(new String[] { "SYN,ACK SYN", "SYN,RST,ACK,FIN ACK", "ALL ACK,PSH", "FIN,SYN FIN,SYN", "ALL NONE", "URG,PSH URG" }),
                () -> not + "--syn", () -> "--tcp-option " + pick(new String[] { "2", "4", "8" })), "tcp", "tcp");
        case 1 -> new Unit("-m udp " + pickFn(() -> not + "--dport " + pickInt(PORTS), () -> "--sport " + portRange()), "udp", "udp");
        case 2 -> v6 ? new Unit("-m icmp6 " + not + "--icmpv6-type " + pick(new String[] { "echo-request", "echo-reply", "1/4", "destination-unreachable", "packet-too-big", "4" }), icmpP, "icmp6")
                : new Unit("-m icmp " + not + "--icmp-type " + pick(new String[] { "echo-request", "echo-reply", "3/3", "destination-unreachable", "any", "11/0", "timestamp-request" }), icmpP, "icmp");
        case 3 -> new Unit("-m multiport " + not + pick(new String[] { "--dports ", "--sports ", "--ports " })
                + pickInt(PORTS) + "," + pickInt(PORTS) + "," + portRange(), pick(new String[] { "tcp", "udp", "sctp" }), "multiport");
        case 4 -> {
            int a = rnd.nextInt(HOSTS);
            int b = a + rnd.nextInt(HOSTS - a);
            boolean src = rnd.nextBoolean();
            boolean left = rnd.nextBoolean();
            yield new Unit("-m iprange " + not + (src ? "--src-range " : "--dst-range ") + host(left, a) + "-" + host(left, b), null, "iprange");
        }
        case 5 -> new Unit("-m length " + not + "--length " + pickFn(() -> range(40 + rnd.nextInt(200), 100 + rnd.nextInt(1400)),
                () -> "" + (60 + rnd.nextInt(60))), null, "length");
        case 6 -> v6 ? new Unit("-m hl " + hlOp("--hl"), null, "hl") : new Unit("-m ttl " + hlOp("--ttl"), null, "ttl");
        case 7 -> new Unit("-m tos " + not + "--tos 0x" + Integer.toHexString(pickInt(DSCPS) << 2) + pick(new String[] { "/0xfc", "/0xff", "" }), null, "tos");
        case 8 -> new Unit("-m dscp " + not + pickFn(() -> "--dscp 0x" + Integer.toHexString(pickInt(DSCPS)),
                () -> "--dscp-class " + pick(new String[] { "AF11", "EF", "CS1", "AF21" })), null, "dscp");
        case 9 -> rnd.nextBoolean() ? new Unit("-m ecn " + not + "--ecn-ip-ect " + rnd.nextInt(4), null, "ecn")
                : new Unit("-m ecn " + not + pick(new String[] { "--ecn-tcp-cwr", "--ecn-tcp-ece" }), "tcp", "ecn");
        case 10 -> new Unit("-m mac " + not + "--mac-source " + pick(rnd.nextBoolean() ? LEFT_MACS : RIGHT_MACS), null, "mac");
        case 11 -> new Unit("-m pkttype " + not + "--pkt-type " + pick(new String[] { "unicast", "unicast", "broadcast", "multicast" }), null, "pkttype");
        case 12 -> new Unit("-m u32 " + not + "--u32 \"" + u32() + "\"", null, "u32");
        case 13 -> new Unit("-m string " + not + "--string \"" + pick(STRINGS) + "\" --algo " + pick(new String[] { "bm", "kmp" })
                + (rnd.nextInt(3) == 0 ? " --from " + rnd.nextInt(60) + " --to " + (60 + rnd.nextInt(400)) : ""), null, "string");
        case 14 -> new Unit("-m tcpmss " + not + "--mss " + pickFn(() -> "" + pickInt(MSS), () -> range(500 + rnd.nextInt(600), 1000 + rnd.nextInt(500))), "tcp", "tcpmss");
        case 15 -> v6 ? new Unit("-m frag " + pickFn(() -> not + "--fragid " + range(90 + rnd.nextInt(100), 150 + rnd.nextInt(150)),
                () -> "--fragfirst", () -> "--fragmore", () -> "--fraglast", () -> "--fragres"), null, "frag")
                : new Unit("-m ah " + not + "--ahspi " + spiRange(), "ah", "ah");
        case 16 -> v6 ? new Unit("-m ah " + not + "--ahspi " + spiRange(), null, "ah")
                : new Unit("-m esp " + not + "--espspi " + spiRange(), "esp", "esp");
        case 17 -> v6 ? new Unit("-m esp " + not + "--espspi " + spiRange(), "esp", "esp")
                : new Unit("-m comment --comment \"kd rule " + ruleNo + "\"", null, "comment");
        case 18 -> new Unit("-m sctp " + pickFn(() -> not + "--dport " + pickInt(PORTS), () -> "--sport " + portRange(),
                () -> not + "--chunk-types " + pick(new String[] { "any", "all", "only" }) + " "
                        + pick(new String[] { "INIT", "DATA", "HEARTBEAT", "ABORT", "DATA,INIT", "SHUTDOWN,COOKIE_ECHO" })), "sctp", "sctp");
        case 19 -> new Unit("-m mark " + not + "--mark " + pickFn(() -> hx(pickInt(MARKS)), () -> "0x" + Integer.toHexString(pickInt(MARKS) & 0xf0) + "/0xf0", () -> "0x0"), null, "mark");
        case 20 -> new Unit("-m statistic --mode nth " + not + "--every " + (2 + rnd.nextInt(5)) + " --packet " + rnd.nextInt(2), null, "statistic");
        case 21 -> new Unit("-m quota " + not + "--quota " + (1000 + rnd.nextInt(200_000)), null, "quota");
        case 22 -> new Unit("-m addrtype " + not + (rnd.nextBoolean() ? "--src-type " : "--dst-type ")
                + pick(v6 ? new String[] { "UNICAST", "LOCAL", "MULTICAST" } : new String[] { "UNICAST", "LOCAL", "BROADCAST", "MULTICAST" }), null, "addrtype");
        case 23 -> v6 ? new Unit("-m set " + not + "--match-set " + pick(new String[] { "kd6ip src", "kd6ip dst", "kd6net dst", "kd6net src" }), null, "set")
                : new Unit("-m set " + not + "--match-set " + pick(new String[] { "kd4ip src", "kd4ip dst", "kd4net dst", "kd4net src", "kd4ipport dst,dst" }), null, "set");
        case 24 -> new Unit("-m limit --limit 10000/sec --limit-burst 10000", null, "limit");
        case 25 -> new Unit("-m hashlimit --hashlimit-upto 10000/sec --hashlimit-burst 10000 --hashlimit-mode srcip --hashlimit-name kd"
                + seed + (v6 ? "v6n" : "v4n") + ruleNo, null, "hashlimit");
        case 26 -> v6 ? new Unit("-m ipv6header " + not + "--header " + pick(new String[] { "frag", "hop", "auth", "dst", "ipv6-frag" }) + " --soft", null, "ipv6header")
                : new Unit("-m conntrack " + pickFn(() -> not + "--ctstate " + pick(new String[] { "NEW", "ESTABLISHED", "INVALID", "RELATED,ESTABLISHED", "NEW,INVALID" }),
                        () -> "--ctdir " + pick(new String[] { "ORIGINAL", "REPLY" }),
                        () -> not + "--ctstatus " + pick(new String[] { "SEEN_REPLY", "ASSURED", "CONFIRMED" }),
                        () -> not + "--ctorigsrc " + left4(rnd.nextInt(HOSTS))), ctProto(), "conntrack");
        case 27 -> v6 ? new Unit("-m hbh " + not + "--hbh-len " + rnd.nextInt(2), null, "hbh")
                : new Unit("-m state " + not + "--state " + pick(new String[] { "NEW", "ESTABLISHED", "INVALID", "RELATED,ESTABLISHED" }), ctProto(), "state");
        case 28 -> v6 ? new Unit("-m comment --comment \"kd rule " + ruleNo + "\"", null, "comment")
                : new Unit("-m connmark " + not + "--mark " + pickFn(() -> hx(pickInt(MARKS)), () -> "0x0"), ctProto(), "connmark");
        case 29 -> new Unit("-m " + (v6 ? "hl " + hlOp("--hl") : "ttl " + hlOp("--ttl")), null, v6 ? "hl" : "ttl");
        case 30, 31 -> rnd.nextInt(3) > 0 || v6 ? new Unit("-m recent " + recent(not), null, "recent")
                : new Unit("-m connbytes " + not + "--connbytes " + pick(new String[] { "0:2", "3:", "200:", "0:500", "2:4" })
                        + " --connbytes-dir " + pick(new String[] { "original", "reply", "both" }) + " --connbytes-mode "
                        + pick(new String[] { "packets", "bytes", "avgpkt" }), ctProto(), "connbytes");
        default -> new Unit("-m esp " + not + "--espspi " + spiRange(), "esp", "esp");
        };
    }

    private Unit statelessMatch() {
        if (rnd.nextInt(3) > 0) {
            Unit u = pickMatch();
            return CONNTRACK.contains(u.ext) ? null : u;
        }
        String not = rnd.nextInt(5) == 0 ? "! " : "";
        int a = pickInt(PORTS);
        int b = pickInt(PORTS);
        return switch (rnd.nextInt(9)) {
        case 0 -> new Unit("-m tcp", "tcp", "tcp");
        case 1 -> new Unit("-m udp", "udp", "udp");
        case 2 -> new Unit("-m tcp ! --sport " + a + " ! --dport " + b, "tcp", "tcp");
        case 3 -> new Unit("-m udp " + (rnd.nextBoolean() ? "! --sport " + a + " ! --dport " + b : "--sport " + a + " --dport " + b), "udp", "udp");
        case 4 -> new Unit("-m tcp --sport " + a + " --dport " + b, "tcp", "tcp");
        case 5 -> new Unit("-m hashlimit --hashlimit-upto 10000/sec --hashlimit-burst 10000 --hashlimit-mode "
                + pick(new String[] { "dstport", "srcip,dstport", "srcport" }) + " --hashlimit-name kd" + seed + (v6 ? "v6p" : "v4p") + ruleNo,
                null, "hashlimit");
        case 6 -> v6 ? new Unit("-m icmp6 " + not + "--icmpv6-type echo-request", "ipv6-icmp", "icmp6")
                : new Unit("-m icmp " + not + "--icmp-type any", "icmp", "icmp");
        case 7 -> new Unit("-m sctp " + not + "--chunk-types any DATA", "sctp", "sctp");
        default -> new Unit("-m multiport " + not + "--ports " + a + "," + b, pick(new String[] { "tcp", "udp" }), "multiport");
        };
    }

    /** recent without --seconds (time would make it depend on the pace of sending): set, check, update, remove. */
    private String recent(String not) {
        String name = " --name kdr" + (v6 ? "6" : "4") + rnd.nextInt(2);
        String side = rnd.nextBoolean() ? " --rsource" : " --rdest";
        return pickFn(() -> "--set" + name + side, () -> not + "--rcheck" + name + side,
                () -> "--update --hitcount " + (1 + rnd.nextInt(5)) + name + side, () -> "--remove" + name + side);
    }

    private String ctProto() {
        return pick(new String[] { "tcp", "udp", "icmp" });
    }

    private String hlOp(String o) {
        int ttl = pickInt(TTLS) - (rnd.nextInt(4) == 0 ? 0 : 1);
        return pickFn(() -> o + "-eq " + ttl, () -> "! " + o + "-eq " + ttl, () -> o + "-lt " + ttl, () -> o + "-gt " + ttl);
    }

    private String u32() {
        if (v6) {
            return pick(new String[] { "4>>16=100:300", "4>>8&0xFF=6", "4>>8&0xFF=17", "0>>20&0xFF=0x28",
                "0>>20&0xFC=0xb8", "4&0xFF=63" });
        }
        return pick(new String[] { "6&0xFF=6", "6&0xFF=17", "2&0xFFFF=100:300", "0>>22&0x3C@0>>16=" + pickInt(PORTS),
            "0>>22&0x3C@0&0xFFFF=" + pickInt(PORTS), "0>>16&0xFC=0x28", "8>>24=63", "6&0xFF=1&&0>>22&0x3C@0>>24=8" });
    }

    private String host(boolean left, int i) {
        return v6 ? (left ? left6(i) : right6(i)) : (left ? left4(i) : right4(i));
    }

    private String portRange() {
        int a = pickInt(PORTS);
        int b = pickInt(PORTS);
        // iptables refuses a range whose ends are equal ("invalid portrange")
        return a == b ? Integer.toString(a) : Math.min(a, b) + ":" + Math.max(a, b);
    }

    /** "a:b" with a < b (iptables refuses reversed or empty ranges in several matches). */
    private static String range(int a, int b) {
        return a == b ? Integer.toString(a) : Math.min(a, b) + ":" + Math.max(a, b);
    }

    private String spiRange() {
        long a = SPIS[rnd.nextInt(SPIS.length)];
        return rnd.nextBoolean() ? Long.toString(a) : a + ":" + (a + rnd.nextInt(200));
    }

    private String use(String text, String ext) {
        used.add(ext);
        return text;
    }

    private static String hx(int v) {
        return "0x" + Integer.toHexString(v);
    }

    @SafeVarargs
    private String pickFn(Supplier<String>... fns) {
        return fns[rnd.nextInt(fns.length)].get();
    }

    private int pickInt(int[] a) {
        return a[rnd.nextInt(a.length)];
    }

    private <T> T pick(T[] a) {
        return a[rnd.nextInt(a.length)];
    }
}
