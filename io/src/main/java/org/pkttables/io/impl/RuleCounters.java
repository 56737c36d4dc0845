package org.pkttables.io.impl;

import org.pkttables.api.ChainInfo;
import org.pkttables.api.Family;
import org.pkttables.api.RuleInfo;
import org.pkttables.api.Ruleset;
import org.pkttables.api.RulesetException;
import org.pkttables.api.TableInfo;
import org.pkttables.api.Verdict;

/**
 * Every rule's and policy's counters after a replay, as JSON: what {@code iptables-save -c} shows, in a
 * form a script can compare with the appliance's counters after a live run.
 */
final class RuleCounters {
    private RuleCounters() {
    }

    static String json(Ruleset ruleset) {
        StringBuilder sb = new StringBuilder("[");
        boolean first = true;
        for (Family f : Family.values()) {
            for (String t : ruleset.tables(f)) {
                TableInfo table;
                try {
                    table = ruleset.table(f, t);
                } catch (RulesetException e) {
                    continue; // the table went away between the two calls
                }
                for (ChainInfo c : table.chains()) {
                    if (c.builtin()) {
                        first = comma(sb, first);
                        sb.append("{\"family\":\"").append(f.id()).append("\",\"table\":\"").append(t)
                                .append("\",\"chain\":\"").append(c.name()).append("\",\"policy\":\"")
                                .append(Verdict.name(c.policy())).append("\",\"packets\":").append(c.packets())
                                .append(",\"bytes\":").append(c.bytes()).append('}');
                    }
                    for (RuleInfo r : c.rules()) {
                        first = comma(sb, first);
                        sb.append("{\"family\":\"").append(f.id()).append("\",\"table\":\"").append(t)
                                .append("\",\"chain\":\"").append(c.name()).append("\",\"rule\":\"")
                                .append(esc("-A " + c.name() + " " + words(r))).append("\",\"packets\":")
                                .append(r.packets()).append(",\"bytes\":").append(r.bytes()).append('}');
                    }
                }
            }
        }
        return sb.append(']').toString();
    }

    private static boolean comma(StringBuilder sb, boolean first) {
        if (!first) {
            sb.append(',');
        }
        return false;
    }

    /** The rule's words are already in save form (quoted where iptables-save quotes). */
    private static String words(RuleInfo r) {
        return String.join(" ", r.words());
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
