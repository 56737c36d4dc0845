package org.pkttables.cli.xtables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.pkttables.api.ChainInfo;
import org.pkttables.api.Family;
import org.pkttables.api.RuleInfo;
import org.pkttables.api.RuleSpec;
import org.pkttables.api.TableInfo;
import org.pkttables.api.Verdict;

/** The text forms of a table: {@code -S}, {@code -L} and save. */
final class Listing {
    private Listing() {
    }

    /**
     * {@code -A CHAIN WORDS}; with {@code counters}, {@code -c PACKETS BYTES} goes before the target (the rule's
     * last {@code -j}/{@code -g NAME}) where iptables' {@code -S -v} puts them, else (no target, or
     * {@code beforeTarget} false: arptables, whose 1.8.9 prints none) at the end.
     */
    static String ruleLine(String chain, RuleInfo r, boolean counters, boolean beforeTarget) {
        StringBuilder sb = new StringBuilder("-A ").append(chain);
        List<String> words = r.words();
        int target = counters && beforeTarget ? targetAt(r) : -1;
        for (int i = 0; i < words.size(); i++) {
            if (i == target) {
                sb.append(" -c ").append(r.packets()).append(' ').append(r.bytes());
            }
            sb.append(' ').append(words.get(i));
        }
        if (counters && target < 0) {
            sb.append(" -c ").append(r.packets()).append(' ').append(r.bytes());
        }
        return sb.toString();
    }

    /** Where the rule's {@code -j NAME} / {@code -g NAME} begins in its words, -1 without a target. */
    private static int targetAt(RuleInfo r) {
        RuleSpec.Call t = r.spec() == null ? null : r.spec().target();
        if (t == null) {
            return -1;
        }
        List<String> words = r.words();
        for (int i = words.size() - 2; i >= 0; i--) {
            String w = words.get(i);
            if ((w.equals("-j") || w.equals("-g")) && words.get(i + 1).equals(t.name())) {
                return i;
            }
        }
        return -1;
    }

    /** {@code iptables -S [CHAIN [N]]}. */
    static void rules(StringBuilder out, TableInfo t, String chain, int position, boolean verbose) {
        if (position > 0) {
            ChainInfo c = t.chain(chain);
            out.append(ruleLine(c.name(), c.rules().get(position - 1), verbose, t.family() != Family.ARP)).append('\n');
            return;
        }
        for (ChainInfo c : t.chains()) {
            if (chain != null && !c.name().equals(chain)) {
                continue;
            }
            if (c.builtin()) {
                out.append("-P ").append(c.name()).append(' ').append(Verdict.name(c.policy()));
                if (verbose) {
                    out.append(" -c ").append(c.packets()).append(' ').append(c.bytes());
                }
                out.append('\n');
            } else {
                out.append("-N ").append(c.name()).append('\n');
            }
        }
        for (ChainInfo c : t.chains()) {
            if (chain != null && !c.name().equals(chain)) {
                continue;
            }
            for (RuleInfo r : c.rules()) {
                out.append(ruleLine(c.name(), r, verbose, t.family() != Family.ARP)).append('\n');
            }
        }
    }

    /**
     * One table in iptables-save format. {@code arptables}: as arptables-save 1.8.9 writes it, chain lines
     * without counters (unless asked for) and no {@code COMMIT}.
     */
    static void save(StringBuilder out, TableInfo t, boolean counters, boolean arptables) {
        out.append('*').append(t.name()).append('\n');
        for (ChainInfo c : t.chains()) {
            out.append(':').append(c.name()).append(' ').append(c.builtin() ? Verdict.name(c.policy()) : "-");
            if (!arptables || counters) {
                out.append(" [").append(c.builtin() ? c.packets() : 0).append(':')
                        .append(c.builtin() ? c.bytes() : 0).append(']');
            }
            out.append('\n');
        }
        for (ChainInfo c : t.chains()) {
            for (RuleInfo r : c.rules()) {
                if (counters) {
                    out.append('[').append(r.packets()).append(':').append(r.bytes()).append("] ");
                }
                out.append(ruleLine(c.name(), r, false, false)).append('\n');
            }
        }
        if (!arptables) {
            out.append("COMMIT\n");
        }
    }

    /** The options of {@code -L}. */
    record ListFormat(boolean verbose, boolean numeric, boolean exact, boolean lineNumbers) {
    }

    /**
     * What a listing needs beyond the table: the descriptors of the rules' extensions, the family's
     * protocol numbers and the system's names.
     */
    record Lister(Extensions extensions, SystemNames names, java.util.function.ToIntFunction<String> protoNumber) {
    }

    /**
     * {@code iptables -L}: the real tool's columns (target, prot, opt, in, out, source, destination,
     * as print_firewall lays them out), then each match and target as its descriptor's listing templates
     * print it ({@code tcp dpt:22}); without {@code -n} protocols, ports, hosts and networks by name.
     */
    static void list(StringBuilder out, TableInfo t, String chain, int position, ListFormat fmt, Lister lister) {
        boolean ipv6 = t.family() == org.pkttables.api.Family.IPV6;
        boolean arp = t.family() == org.pkttables.api.Family.ARP;
        boolean first = true;
        for (ChainInfo c : t.chains()) {
            if (chain != null && !c.name().equals(chain)) {
                continue;
            }
            if (position > 0) {
                RuleInfo r = c.rules().get(position - 1);
                if (arp) {
                    arpRow(out, r, position, fmt);
                } else {
                    row(out, r, position, fmt, t.family(), lister);
                }
                return;
            }
            if (!first) {
                out.append('\n');
            }
            first = false;
            out.append("Chain ").append(c.name());
            if (c.builtin()) {
                out.append(" (policy ").append(Verdict.name(c.policy()));
                if (fmt.verbose()) {
                    out.append(' ').append(headerNum(c.packets(), fmt.exact())).append("packets, ")
                            .append(headerNum(c.bytes(), fmt.exact())).append("bytes");
                }
                out.append(")\n");
            } else {
                out.append(" (").append(c.references()).append(" references)\n");
            }
            if (!arp) {
                header(out, fmt);
            }
            int n = 1;
            for (RuleInfo r : c.rules()) {
                if (arp) {
                    arpRow(out, r, n, fmt);
                } else {
                    row(out, r, n, fmt, t.family(), lister);
                }
                n++;
            }
        }
    }

    private static void header(StringBuilder out, ListFormat fmt) {
        if (fmt.lineNumbers()) {
            out.append(String.format(Locale.ROOT, "%-4s ", "num"));
        }
        if (fmt.verbose()) {
            out.append(fmt.exact() ? String.format(Locale.ROOT, "%8s %10s ", "pkts", "bytes")
                    : String.format(Locale.ROOT, "%5s %5s ", "pkts", "bytes"));
        }
        out.append(String.format(Locale.ROOT, "%-9s ", "target")).append(" prot ").append("opt");
        if (fmt.verbose()) {
            out.append(String.format(Locale.ROOT, " %-6s %-6s ", "in", "out"));
        }
        out.append(String.format(Locale.ROOT, " %-19s  %-19s %n", "source", "destination"));
    }

    private static void row(StringBuilder out, RuleInfo r, int n, ListFormat fmt, org.pkttables.api.Family f,
            Lister lister) {
        boolean ipv6 = f == org.pkttables.api.Family.IPV6;
        String src = null, dst = null, in = null, out2 = null, proto = null;
        boolean srcInv = false, dstInv = false, inInv = false, outInv = false, protoInv = false;
        boolean frag = false, fragInv = false;
        List<String> base = r.spec().base();
        boolean inv = false;
        for (int i = 0; i < base.size(); i++) {
            String w = base.get(i);
            if (w.equals("!")) {
                inv = true;
                continue;
            }
            String v = i + 1 < base.size() ? base.get(i + 1) : "";
            switch (w) {
                case "-s": src = v; srcInv = inv; i++; break;
                case "-d": dst = v; dstInv = inv; i++; break;
                case "-i": in = v; inInv = inv; i++; break;
                case "-o": out2 = v; outInv = inv; i++; break;
                case "-p": proto = v; protoInv = inv; i++; break;
                case "-f": frag = true; fragInv = inv; break;
                default: break;
            }
            inv = false;
        }
        if (fmt.lineNumbers()) {
            out.append(String.format(Locale.ROOT, "%-4d ", n));
        }
        if (fmt.verbose()) {
            out.append(num(r.packets(), fmt.exact())).append(num(r.bytes(), fmt.exact()));
        }
        RuleSpec.Call target = r.spec().target();
        String column = target == null ? "" : TARGET_COLUMN.getOrDefault(target.name(), target.name());
        out.append(String.format(Locale.ROOT, "%-9s ", column));
        out.append(protoInv ? '!' : ' ');
        int protoNum = proto == null ? 0 : lister.protoNumber().applyAsInt(proto);
        out.append(String.format(Locale.ROOT, "%-4s ", protocolColumn(protoNum, fmt.numeric(), lister.names())));
        out.append(fragInv ? '!' : '-').append(frag ? 'f' : '-').append(' ');
        if (fmt.verbose()) {
            String any = fmt.numeric() ? "*" : "any";
            out.append(String.format(Locale.ROOT, " %-6s ", (inInv ? "!" : "") + (in == null ? any : in)));
            out.append(String.format(Locale.ROOT, "%-6s ", (outInv ? "!" : "") + (out2 == null ? any : out2)));
        }
        out.append(srcInv ? '!' : ' ')
                .append(String.format(Locale.ROOT, "%-19s ", addr(src, ipv6, fmt.numeric(), lister.names())));
        out.append(dstInv ? '!' : ' ')
                .append(String.format(Locale.ROOT, "%-19s ", addr(dst, ipv6, fmt.numeric(), lister.names())));
        if (r.spec().gotoChain()) {
            out.append("[goto] ");
        }
        ListNames ctx = new ListNames(fmt.numeric(), proto == null ? -1 : protoNum, lister.names());
        for (RuleSpec.Call m : r.spec().matches()) {
            out.append(ExtensionListing.text(lister.extensions().match(f, m.name()), m, true, f, ctx));
        }
        if (target != null && !r.spec().gotoChain()) {
            org.pkttables.api.ext.ExtensionDescriptor td = lister.extensions().target(f, target.name());
            if (td != null || !target.words().isEmpty()) {
                out.append(ExtensionListing.text(td, target, false, f, ctx));
            }
        }
        if (!r.bound()) {
            out.append(" [fail-closed: ").append(r.missing()).append(" not loaded]");
        }
        out.append('\n');
    }

    /** Targets iptables-nft 1.8.9 lists under another name: NOTRACK runs as CT there ("CT ... NOTRACK"). */
    private static final java.util.Map<String, String> TARGET_COLUMN = java.util.Map.of("NOTRACK", "CT");

    /**
     * The prot column: under {@code -n} the number, else the name getprotobynumber gives (or iptables' own
     * name for it, or the number); {@code all} for any protocol.
     */
    private static String protocolColumn(int proto, boolean numeric, SystemNames names) {
        if (numeric) {
            return Integer.toString(proto);
        }
        if (proto == 0) {
            return "all";
        }
        String name = names.protocol(proto);
        if (name == null) {
            name = switch (proto) {
                case 6 -> "tcp";
                case 17 -> "udp";
                case 1 -> "icmp";
                case 58 -> "icmpv6";
                case 50 -> "esp";
                case 51 -> "ah";
                case 132 -> "sctp";
                case 136 -> "udplite";
                case 135 -> "ipv6-mh";
                default -> Integer.toString(proto);
            };
        }
        return name;
    }

    /**
     * A source or destination column: {@code ADDR[/LEN]} as the rule holds it, the host's length left out;
     * without {@code -n} {@code anywhere} for any address and the address by host name (or network name,
     * IPv4) where the system has one.
     */
    private static String addr(String a, boolean ipv6, boolean numeric, SystemNames names) {
        if (a == null) {
            return numeric ? (ipv6 ? "::/0" : "0.0.0.0/0") : "anywhere";
        }
        int slash = a.indexOf('/');
        String host = slash < 0 ? a : a.substring(0, slash);
        String mask = slash < 0 ? "" : a.substring(slash);
        if (mask.equals(ipv6 ? "/128" : "/32") || mask.equals("/255.255.255.255")) {
            mask = "";
        }
        if (numeric) {
            return host + mask;
        }
        if (ipv6 ? host.equals("::") : mask.equals("/0")) {
            return "anywhere";
        }
        String name = names.addressName(host);
        return (name != null ? name : host) + mask;
    }

    /**
     * arptables -L: the rule in save form, with counters when verbose; verbose also names both interfaces
     * ({@code *} for any, {@code any} without -n), after the target, as 1.8.9's FMT_VIA prints them.
     */
    private static void arpRow(StringBuilder out, RuleInfo r, int n, ListFormat fmt) {
        if (fmt.lineNumbers()) {
            out.append(n).append(' ');
        }
        List<String> words = r.words();
        if (fmt.verbose()) {
            List<String> w = new ArrayList<>(words);
            String any = fmt.numeric() ? "*" : "any";
            int in = w.indexOf("-i");
            if (in < 0) {
                in = w.size() >= 2 && w.get(0).equals("-j") ? 2 : 0;
                w.addAll(in, List.of("-i", any));
            }
            if (!w.contains("-o")) {
                w.addAll(Math.min(in + 2, w.size()), List.of("-o", any));
            }
            words = w;
        }
        out.append(String.join(" ", words));
        if (fmt.verbose()) {
            out.append(" , pcnt=").append(r.packets()).append(" -- bcnt=").append(r.bytes()).append(' ');
        }
        out.append('\n');
    }

    /** Header counters: no padding (FMT_NOTABLE), K/M/G unless -x. */
    private static String headerNum(long v, boolean exact) {
        return num(v, exact).trim() + " ";
    }

    /** Counter column of iptables -L -v: xtables_print_num (K/M/G/T suffixes unless -x). */
    static String num(long v, boolean exact) {
        if (exact) {
            return String.format(Locale.ROOT, "%8d ", v);
        }
        if (v <= 99999) {
            return String.format(Locale.ROOT, "%5d ", v);
        }
        String[] suffix = { "K", "M", "G", "T" };
        long x = v;
        for (String s : suffix) {
            x = (x + 500) / 1000;
            if (x <= 9999) {
                return String.format(Locale.ROOT, "%4d%s ", x, s);
            }
        }
        return String.format(Locale.ROOT, "%4dT ", x);
    }
}
