package org.pkttables.cli.xtables;

import java.util.ArrayList;
import java.util.List;

import org.pkttables.api.Family;
import org.pkttables.api.RuleSpec;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.L3Handler;
import org.pkttables.api.ext.Param;

/**
 * A bridge rule as ebtables-nft 1.8.9 prints it ({@code -L} and save): no {@code -m NAME} (ebtables loads
 * matches by their options), {@code !} after the option ({@code --ip-src ! 10.0.0.1}, {@code -p ! ARP}),
 * watchers ({@code log}) after the matches, quoted strings always in double quotes, and {@code -j CONTINUE}
 * for a rule without target.
 */
final class EbtablesText {
    /** ebtables' watchers: printed after the matches whatever the order they were given in. */
    static final String WATCHER = "log";

    private EbtablesText() {
    }

    static String rule(RuleSpec spec, Extensions registry) {
        StringBuilder sb = new StringBuilder();
        L3Handler h = registry.handler(Family.BRIDGE);
        words(sb, spec.base(), h == null ? null : h.baseDescriptor());
        for (RuleSpec.Call m : ordered(spec.matches())) {
            words(sb, m.words(), registry.match(Family.BRIDGE, m.name()));
        }
        RuleSpec.Call t = spec.target();
        append(sb, "-j");
        if (t == null) {
            append(sb, "CONTINUE");
        } else {
            append(sb, t.name());
            ExtensionDescriptor tt = registry.target(Family.BRIDGE, t.name());
            words(sb, t.words(), tt);
            if (tt != null && t.words().isEmpty()) {
                sb.append(' '); // ebtables prints an extension target's name with a blank after it
            }
        }
        return sb.toString();
    }

    /** Matches first, then watchers, each group in the order given. */
    static List<RuleSpec.Call> ordered(List<RuleSpec.Call> calls) {
        List<RuleSpec.Call> out = new ArrayList<>();
        for (RuleSpec.Call c : calls) {
            if (!WATCHER.equals(c.name())) {
                out.add(c);
            }
        }
        for (RuleSpec.Call c : calls) {
            if (WATCHER.equals(c.name())) {
                out.add(c);
            }
        }
        return out;
    }

    private static void words(StringBuilder sb, List<String> words, ExtensionDescriptor d) {
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if ("!".equals(w) && i + 1 < words.size()) {
                String opt = words.get(i + 1);
                Param<?> p = d == null ? null : d.param(opt);
                int arity = p == null ? (i + 2 < words.size() && !words.get(i + 2).startsWith("-") ? 1 : 0)
                        : p.type().arity();
                if (arity > 0) {
                    append(sb, opt);
                    append(sb, "!");
                    i++;
                    continue;
                }
                append(sb, "!");
                continue;
            }
            if (w.startsWith("-") && d != null && d.param(w) != null) {
                Param<?> p = d.param(w);
                append(sb, w);
                for (int k = 1; k <= p.type().arity() && i + k < words.size(); k++) {
                    String v = words.get(i + k);
                    // ebtables-nft 1.8.9 escapes nothing ("a\b" restores as "ab"); escaping " and \ restores exactly.
                    append(sb, p.type().quoted() ? "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : v);
                }
                i += p.type().arity();
                continue;
            }
            append(sb, w);
        }
    }

    private static void append(StringBuilder sb, String s) {
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append(s);
    }
}
