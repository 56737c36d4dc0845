package org.pkttables.io.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    static List<Map<String, Object>> json(Ruleset ruleset) {
        List<Map<String, Object>> out = new ArrayList<>();
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
                        Map<String, Object> m = where(f, t, c);
                        m.put("policy", Verdict.name(c.policy()));
                        m.put("packets", c.packets());
                        m.put("bytes", c.bytes());
                        out.add(m);
                    }
                    for (RuleInfo r : c.rules()) {
                        Map<String, Object> m = where(f, t, c);
                        // The rule's words are already in save form (quoted where iptables-save quotes).
                        m.put("rule", "-A " + c.name() + " " + String.join(" ", r.words()));
                        m.put("packets", r.packets());
                        m.put("bytes", r.bytes());
                        out.add(m);
                    }
                }
            }
        }
        return out;
    }

    private static Map<String, Object> where(Family f, String table, ChainInfo c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", f.id());
        m.put("table", table);
        m.put("chain", c.name());
        return m;
    }
}
