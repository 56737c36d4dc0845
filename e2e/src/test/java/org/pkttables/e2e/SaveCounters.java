package org.pkttables.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The counters of an {@code iptables-save -c} text, as the differential tests compare them: chain policies
 * keyed {@code "TABLE :CHAIN POLICY"}, rules keyed {@code "TABLE #N RULE"} (N: the rule's position in its
 * chain), each with its {@code [packets:bytes]}.
 */
final class SaveCounters {
    private SaveCounters() {
    }

    /** Which counters to keep: of a chain's policy ({@code policy}) or of one of its rules. */
    interface Keep {
        boolean test(String table, String chain, boolean policy);
    }

    /** The counters {@code keep} accepts. */
    static Map<String, String> of(String save, Keep keep) {
        Map<String, String> m = new LinkedHashMap<>();
        String table = "";
        Map<String, Integer> index = new LinkedHashMap<>();
        for (String line : save.split("\n")) {
            if (line.startsWith("*")) {
                table = line.substring(1);
                index.clear();
            } else if (line.startsWith(":")) {
                String[] w = line.substring(1).split(" ");
                if (keep.test(table, w[0], true)) {
                    m.put(table + " :" + w[0] + " " + w[1], w.length > 2 ? w[2] : "");
                }
            } else if (line.startsWith("[")) {
                int sp = line.indexOf(' ');
                String rule = line.substring(sp + 1);
                String chain = rule.split(" ")[1];
                int n = index.merge(chain, 1, Integer::sum);
                if (keep.test(table, chain, false)) {
                    m.put(table + " #" + n + " " + rule, line.substring(0, sp));
                }
            }
        }
        return m;
    }

    /**
     * Every kernel counter pkttables has not the same of ({@code what}: a name for the messages); each key
     * whose counters differ goes to {@code differing}.
     */
    static List<String> compare(String what, Map<String, String> kernel, Map<String, String> pkttables,
            Consumer<String> differing) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : kernel.entrySet()) {
            String mine = pkttables.get(e.getKey());
            if (mine == null) {
                out.add(what + ": pkttables has no line for the kernel's " + e.getKey());
            } else if (!mine.equals(e.getValue())) {
                differing.accept(e.getKey());
                out.add(what + " counters differ for " + e.getKey() + ": kernel " + e.getValue() + ", pkttables " + mine);
            }
        }
        return out;
    }
}
