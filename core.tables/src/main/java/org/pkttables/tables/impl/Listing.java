package org.pkttables.tables.impl;

import java.util.List;
import java.util.Locale;

import org.pkttables.api.ChainInfo;
import org.pkttables.api.RuleInfo;
import org.pkttables.api.TableInfo;
import org.pkttables.api.Verdict;

/** The text forms of a table: {@code -S}, {@code -L} and save. */
final class Listing {
    private Listing() {
    }

    static String ruleLine(String chain, RuleInfo r, boolean counters) {
        StringBuilder sb = new StringBuilder("-A ").append(chain);
        for (String w : r.words()) {
            sb.append(' ').append(w);
        }
        if (counters) {
            sb.append(" -c ").append(r.packets()).append(' ').append(r.bytes());
        }
        return sb.toString();
    }

    /** {@code iptables -S [CHAIN [N]]}. */
    static void rules(StringBuilder out, TableInfo t, String chain, int position, boolean verbose) {
        if (position > 0) {
            ChainInfo c = t.chain(chain);
            out.append(ruleLine(c.name(), c.rules().get(position - 1), verbose)).append('\n');
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
                out.append(ruleLine(c.name(), r, verbose)).append('\n');
            }
        }
    }

    /** One table in iptables-save format. */
    static void save(StringBuilder out, TableInfo t, boolean counters) {
        out.append('*').append(t.name()).append('\n');
        for (ChainInfo c : t.chains()) {
            out.append(':').append(c.name()).append(' ').append(c.builtin() ? Verdict.name(c.policy()) : "-")
                    .append(" [").append(c.builtin() ? c.packets() : 0).append(':')
                    .append(c.builtin() ? c.bytes() : 0).append("]\n");
        }
        for (ChainInfo c : t.chains()) {
            for (RuleInfo r : c.rules()) {
                if (counters) {
                    out.append('[').append(r.packets()).append(':').append(r.bytes()).append("] ");
                }
                out.append(ruleLine(c.name(), r, false)).append('\n');
            }
        }
        out.append("COMMIT\n");
    }

    /** {@code iptables -L [-v] [-n] [-x] [--line-numbers]}: rules shown in save form after the columns. */
    static void list(StringBuilder out, TableInfo t, String chain, boolean verbose, boolean exact,
            boolean lineNumbers) {
        boolean first = true;
        for (ChainInfo c : t.chains()) {
            if (chain != null && !c.name().equals(chain)) {
                continue;
            }
            if (!first) {
                out.append('\n');
            }
            first = false;
            out.append("Chain ").append(c.name());
            if (c.builtin()) {
                out.append(" (policy ").append(Verdict.name(c.policy()));
                if (verbose) {
                    out.append(' ').append(num(c.packets(), exact)).append(" packets, ")
                            .append(num(c.bytes(), exact)).append(" bytes");
                }
                out.append(')');
            } else {
                out.append(" (").append(c.references()).append(c.references() == 1 ? " reference)" : " references)");
            }
            out.append('\n');
            if (lineNumbers) {
                out.append(String.format(Locale.ROOT, "%-5s", "num"));
            }
            if (verbose) {
                out.append(String.format(Locale.ROOT, "%8s %5s ", "pkts", "bytes"));
            }
            out.append(String.format(Locale.ROOT, "%-10s %s%n", "target", "rule"));
            int n = 1;
            for (RuleInfo r : c.rules()) {
                if (lineNumbers) {
                    out.append(String.format(Locale.ROOT, "%-5d", n));
                }
                if (verbose) {
                    out.append(String.format(Locale.ROOT, "%8s %5s ", num(r.packets(), exact), num(r.bytes(), exact)));
                }
                List<String> w = r.words();
                String target = "";
                int end = w.size();
                for (int i = 0; i + 1 < w.size(); i++) {
                    if (w.get(i).equals("-j") || w.get(i).equals("-g")) {
                        target = w.get(i + 1);
                        end = i;
                        break;
                    }
                }
                StringBuilder rest = new StringBuilder();
                for (int i = 0; i < w.size(); i++) {
                    if (i == end || i == end + 1) {
                        continue;
                    }
                    if (rest.length() > 0) {
                        rest.append(' ');
                    }
                    rest.append(w.get(i));
                }
                out.append(String.format(Locale.ROOT, "%-10s %s", target, rest.toString().trim()));
                if (!r.bound()) {
                    out.append("  [fail-closed: ").append(r.missing()).append(" not loaded]");
                }
                out.append('\n');
                n++;
            }
        }
    }

    /** Counter formatting of iptables -L -v: K/M/G suffixes unless -x. */
    static String num(long v, boolean exact) {
        if (exact || v < 100000) {
            return Long.toString(v);
        }
        String[] suffix = { "K", "M", "G", "T", "P" };
        long x = v;
        int i = -1;
        while (x >= 100000 && i < suffix.length - 1) {
            x /= 1000;
            i++;
        }
        return x + suffix[i];
    }
}
