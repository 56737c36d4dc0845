package org.pkttables.cli.xtables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.pkttables.api.ChainInfo;
import org.pkttables.api.Family;
import org.pkttables.api.RuleInfo;
import org.pkttables.api.RuleSpec;
import org.pkttables.api.Ruleset;
import org.pkttables.api.RulesetException;
import org.pkttables.api.TableInfo;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.ExtensionRegistry;
import org.pkttables.api.ext.Param;
import org.pkttables.tables.engine.RulesetTools;

/**
 * The ruleset as JSON, in the shape of {@code nft -j list ruleset}: one object {@code {"pkttables": [...]}}
 * whose items are {@code {"metainfo": ...}}, then per table {@code {"table": ...}}, its chains
 * {@code {"chain": ...}} (policy, hook and counters for built-in chains) and its rules {@code {"rule": ...}}
 * (handle, position, counters, comment, and the base options, matches and target with their parameters
 * as the extension descriptors name them). {@code iptables -S/-L --json}, {@code iptables-save --json}
 * and {@code ruleset-save --json} write it; {@link RulesetJsonRestore} reads it back.
 *
 * <p>A parameter is {@code {"option": "--dport", "value": "22"}}, with {@code "invert": true} for
 * {@code !}, no value for a flag and a list for a value of several words. An extension whose words do
 * not split into its descriptor's parameters exactly (it is not loaded, or a value looks like an option)
 * is written as {@code "words": [...]} instead, so that the document always restores to the same rule.
 */
final class RulesetJson {
    /** Version of the document's shape; {@link RulesetJsonRestore} refuses any other. */
    static final int SCHEMA_VERSION = 1;
    static final String ROOT = "pkttables";

    private final Ruleset ruleset;
    private final RulesetTools tools;
    private final ExtensionRegistry registry;

    RulesetJson(Ruleset ruleset, RulesetTools tools, ExtensionRegistry registry) {
        this.ruleset = ruleset;
        this.tools = tools;
        this.registry = registry;
    }

    /**
     * The save form ({@code iptables-save --json}, {@code ruleset-save --json}): the used tables of
     * {@code families} (only table {@code only} when not null), as one line of JSON.
     */
    String save(List<Family> families, String only) throws RulesetException {
        long generation = ruleset.generation();
        List<TableInfo> tables = new ArrayList<>();
        for (Family f : families) {
            for (String t : only != null ? List.of(only) : tools.usedTables(f)) {
                tables.add(ruleset.table(f, t));
            }
        }
        return Json.document(document(tables, generation, null, 0));
    }

    /** The listing form ({@code iptables -S/-L --json [CHAIN [N]]}) of one table read at {@code generation}. */
    String list(TableInfo table, long generation, String chain, int position) {
        return Json.document(document(List.of(table), generation, chain, position));
    }

    /** The document of {@code tables}: every chain, or only {@code chain} (and its rule {@code position} if > 0). */
    private Map<String, Object> document(List<TableInfo> tables, long generation, String chain, int position) {
        List<Object> items = new ArrayList<>();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("version", IptablesFrontend.VERSION);
        meta.put("json_schema_version", SCHEMA_VERSION);
        meta.put("generation", generation);
        items.add(Map.of("metainfo", meta));
        for (TableInfo t : tables) {
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("family", t.family().id());
            table.put("name", t.name());
            items.add(Map.of("table", table));
            for (ChainInfo c : t.chains()) {
                if (chain == null || c.name().equals(chain)) {
                    items.add(Map.of("chain", chain(t, c)));
                }
            }
            for (ChainInfo c : t.chains()) {
                if (chain != null && !c.name().equals(chain)) {
                    continue;
                }
                for (int i = 0; i < c.rules().size(); i++) {
                    if (position <= 0 || position == i + 1) {
                        items.add(Map.of("rule", rule(t, c, i + 1, c.rules().get(i))));
                    }
                }
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(ROOT, items);
        return doc;
    }

    private static Map<String, Object> chain(TableInfo t, ChainInfo c) {
        Map<String, Object> m = where(t);
        m.put("name", c.name());
        if (c.builtin()) {
            m.put("hook", c.name().toLowerCase(Locale.ROOT));
            m.put("policy", Verdict.name(c.policy()));
            m.put("counters", counters(c.packets(), c.bytes()));
        }
        m.put("references", c.references());
        return m;
    }

    private Map<String, Object> rule(TableInfo t, ChainInfo c, int position, RuleInfo r) {
        Map<String, Object> m = where(t);
        m.put("chain", c.name());
        m.put("handle", r.handle());
        m.put("position", position);
        m.put("counters", counters(r.packets(), r.bytes()));
        RuleSpec spec = r.spec();
        String comment = comment(spec);
        if (comment != null) {
            m.put("comment", comment);
        }
        Family f = t.family();
        Map<String, Object> base = call(registry.find(f, ExtensionDescriptor.Kind.BASE, ""), "", spec.base());
        base.remove("name");
        m.put("base", base);
        List<Object> matches = new ArrayList<>();
        for (RuleSpec.Call mc : spec.matches()) {
            matches.add(call(registry.find(f, ExtensionDescriptor.Kind.MATCH, mc.name()), mc.name(), mc.words()));
        }
        m.put("matches", matches);
        if (spec.target() != null) {
            RuleSpec.Call tc = spec.target();
            m.put("target", call(registry.find(f, ExtensionDescriptor.Kind.TARGET, tc.name()), tc.name(), tc.words()));
        }
        if (spec.gotoChain()) {
            m.put("goto", true);
        }
        if (!r.bound()) {
            m.put("missing", r.missing());
        }
        return m;
    }

    /** The value of the rule's comment match, or null. */
    static String comment(RuleSpec spec) {
        for (RuleSpec.Call mc : spec.matches()) {
            if (mc.name().equals("comment") && mc.words().size() == 2 && mc.words().get(0).equals("--comment")) {
                return mc.words().get(1);
            }
        }
        return null;
    }

    private static Map<String, Object> where(TableInfo t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", t.family().id());
        m.put("table", t.name());
        return m;
    }

    static Map<String, Object> counters(long packets, long bytes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("packets", packets);
        m.put("bytes", bytes);
        return m;
    }

    /**
     * One extension use: {@code {"name", "params"}}, or {@code {"name", "words"}} when the words do not split
     * exactly; the name alone when it has no words.
     */
    private static Map<String, Object> call(ExtensionDescriptor d, String name, List<String> words) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        if (words.isEmpty()) {
            return m; // a verdict, a chain, or an extension used without options
        }
        List<Map<String, Object>> params = d == null ? null : params(d, words);
        if (params != null && words(params).equals(words)) {
            m.put("params", params);
        } else {
            m.put("words", words);
        }
        return m;
    }

    /** The canonical words split by the descriptor's parameters, or null when a word is not where one belongs. */
    private static List<Map<String, Object>> params(ExtensionDescriptor d, List<String> words) {
        List<Map<String, Object>> out = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            boolean invert = words.get(i).equals("!");
            if (invert) {
                i++;
            }
            Param<?> p = i < words.size() ? d.param(words.get(i)) : null;
            if (p == null || !p.option().equals(words.get(i))) {
                return null;
            }
            int arity = p.type().arity();
            if (i + 1 + arity > words.size()) {
                return null;
            }
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("option", p.option());
            if (arity == 1) {
                pm.put("value", words.get(i + 1));
            } else if (arity > 1) {
                pm.put("value", new ArrayList<>(words.subList(i + 1, i + 1 + arity)));
            }
            if (invert) {
                pm.put("invert", true);
            }
            out.add(pm);
            i += 1 + arity;
        }
        return out;
    }

    /**
     * The words of parameters as {@link #params} writes them (and {@link RulesetJsonRestore} reads them):
     * {@code [!] option value...} each.
     */
    static List<String> words(List<Map<String, Object>> params) {
        List<String> w = new ArrayList<>();
        for (Map<String, Object> p : params) {
            if (Boolean.TRUE.equals(p.get("invert"))) {
                w.add("!");
            }
            w.add((String) p.get("option"));
            Object v = p.get("value");
            if (v instanceof List) {
                for (Object o : (List<?>) v) {
                    w.add((String) o);
                }
            } else if (v != null) {
                w.add((String) v);
            }
        }
        return w;
    }
}
