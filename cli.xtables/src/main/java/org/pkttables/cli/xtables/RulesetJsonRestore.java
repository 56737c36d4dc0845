package org.pkttables.cli.xtables;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.jr.ob.JSON;

import org.pkttables.api.Family;
import org.pkttables.api.RuleSpec;
import org.pkttables.api.Ruleset;
import org.pkttables.api.RulesetException;
import org.pkttables.api.Transaction;
import org.pkttables.api.Verdict;
import org.pkttables.tables.engine.RulesetTools;

/**
 * {@code ruleset-restore --json [-c] [-t] [FILE]}: loads a document written by {@link RulesetJson} in one
 * transaction. Every table the document names is emptied and refilled (as iptables-restore without
 * {@code --noflush}); tables it does not name are left alone. The whole document is checked before
 * anything is applied: on bad input (not JSON, an unknown key, a wrong type, a rule the engine refuses)
 * the error names the item ({@code pkttables[12] (rule 3 of ipv4 filter INPUT)}) and the live ruleset
 * is unchanged. Handles and positions are the document's record of the listing; rules are appended in
 * the document's order. Counters are restored with {@code -c}, as iptables-restore does.
 */
final class RulesetJsonRestore {
    static final String USAGE = "usage: ruleset-restore --json [-c|--counters] [-t|--test] [FILE]";
    private static final Set<String> TABLE_KEYS = Set.of("family", "name");
    private static final Set<String> CHAIN_KEYS = Set.of("family", "table", "name", "hook", "policy", "counters",
            "references");
    private static final Set<String> RULE_KEYS = Set.of("family", "table", "chain", "handle", "position", "counters",
            "comment", "base", "matches", "target", "goto", "missing");
    private static final Set<String> CALL_KEYS = Set.of("name", "params", "words");
    private static final Set<String> PARAM_KEYS = Set.of("option", "value", "invert");

    private final Ruleset ruleset;
    private final RulesetTools tools;

    RulesetJsonRestore(Ruleset ruleset, RulesetTools tools) {
        this.ruleset = ruleset;
        this.tools = tools;
    }

    /** Runs the command: {@code args} are its options (the front end has read FILE into {@code input}). */
    String run(List<String> args, String input) throws RulesetException {
        boolean json = false;
        boolean counters = false;
        boolean test = false;
        for (String a : args) {
            switch (a) {
                case "--json": json = true; break;
                case "-c": case "--counters": counters = true; break;
                case "-t": case "--test": test = true; break;
                default:
                    throw new IptablesFrontend.UsageException("unknown argument `" + a + "' (" + USAGE + ")", null);
            }
        }
        if (!json) {
            throw new IptablesFrontend.UsageException("only the JSON form is read: --json (" + USAGE + ")", null);
        }
        int rules = restore(input, counters, test);
        return test ? "ruleset-restore: " + rules + " rules checked, nothing applied\n" : "";
    }

    /** Checks and (unless {@code test}) applies the document; returns the number of rules. */
    int restore(String text, boolean counters, boolean test) throws RulesetException {
        try {
            return check(text, counters, test);
        } catch (RulesetException e) {
            throw new RulesetException(e.getMessage() + "; nothing restored", e);
        }
    }

    private int check(String text, boolean counters, boolean test) throws RulesetException {
        Object doc;
        try {
            doc = JSON.std.anyFrom(text);
        } catch (IOException e) {
            throw new RulesetException("not valid JSON: " + describe(e), e);
        }
        if (!(doc instanceof Map) || ((Map<?, ?>) doc).size() != 1 || !((Map<?, ?>) doc).containsKey(RulesetJson.ROOT)) {
            throw new RulesetException("the document must be one object {\"" + RulesetJson.ROOT
                    + "\": [...]} (as iptables-save --json writes it)");
        }
        List<?> items = list(((Map<?, ?>) doc).get(RulesetJson.ROOT), RulesetJson.ROOT);
        List<Item> tables = new ArrayList<>();
        List<Item> chains = new ArrayList<>();
        List<Item> rules = new ArrayList<>();
        Set<String> declared = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String where = RulesetJson.ROOT + "[" + i + "]";
            Map<?, ?> item = map(items.get(i), where);
            if (item.size() != 1) {
                throw bad(where, "an item has exactly one key (metainfo, table, chain or rule)");
            }
            String kind = (String) item.keySet().iterator().next();
            Map<?, ?> body = map(item.get(kind), where + "." + kind);
            switch (kind) {
                case "metainfo": {
                    Object v = body.get("json_schema_version");
                    if (v != null && !(v instanceof Number && ((Number) v).intValue() == RulesetJson.SCHEMA_VERSION)) {
                        throw bad(where, "json_schema_version " + v + " is not supported (this version reads "
                                + RulesetJson.SCHEMA_VERSION + ")");
                    }
                    break;
                }
                case "table": {
                    keys(body, TABLE_KEYS, where);
                    Item t = new Item(where, family(body, where), str(body, "name", where), body);
                    if (!declared.add(t.key())) {
                        throw bad(where, "table " + t.key() + " is named twice");
                    }
                    tables.add(t);
                    break;
                }
                case "chain":
                    keys(body, CHAIN_KEYS, where);
                    chains.add(new Item(where, family(body, where), str(body, "table", where), body));
                    break;
                case "rule":
                    keys(body, RULE_KEYS, where);
                    rules.add(new Item(where, family(body, where), str(body, "table", where), body));
                    break;
                default:
                    throw bad(where, "unknown item `" + kind + "' (metainfo, table, chain or rule)");
            }
        }
        for (Item c : chains) {
            c.declaredIn(declared);
        }
        for (Item r : rules) {
            r.declaredIn(declared);
        }
        int count = 0;
        try (Transaction tx = ruleset.begin()) {
            for (Item t : tables) {
                if (!ruleset.tables(t.family).contains(t.table)) {
                    throw bad(t.where, t.family.tool() + " table `" + t.table + "' does not exist (valid: "
                            + String.join(", ", ruleset.tables(t.family)) + ")");
                }
                tx.resetTable(t.family, t.table);
            }
            for (Item c : chains) {
                chain(tx, c, counters);
            }
            java.util.Map<String, Integer> positions = new java.util.HashMap<>();
            for (Item r : rules) {
                String chain = str(r.body, "chain", r.where);
                int n = positions.merge(r.key() + " " + chain, 1, Integer::sum);
                String where = r.where + " (rule " + n + " of " + r.key() + " " + chain + ")";
                RuleSpec spec = spec(r.body, where);
                long[] pc = r.body.get("counters") == null ? null : counters(r.body.get("counters"), where);
                try {
                    tx.append(r.family, r.table, chain, spec);
                    if (counters && pc != null) {
                        tx.counters(pc[0], pc[1]);
                    }
                } catch (RulesetException e) {
                    throw bad(where, e.getMessage());
                }
                count++;
            }
            if (!test) {
                tx.commit();
            }
        }
        return count;
    }

    private void chain(Transaction tx, Item c, boolean counters) throws RulesetException {
        String name = str(c.body, "name", c.where);
        String where = c.where + " (chain " + c.key() + " " + name + ")";
        long[] pc = c.body.get("counters") == null ? null : counters(c.body.get("counters"), where);
        try {
            if (tools.isBuiltin(tx, c.family, c.table, name)) {
                Object policy = c.body.get("policy");
                if (!(policy instanceof String)) {
                    throw new RulesetException("built-in chain `" + name + "' needs a policy");
                }
                int v;
                try {
                    v = Verdict.of((String) policy);
                } catch (IllegalArgumentException e) {
                    throw new RulesetException("bad policy name `" + policy + "'", e);
                }
                tx.policy(c.family, c.table, name, v);
                if (counters && pc != null) {
                    tx.policyCounters(c.family, c.table, name, pc[0], pc[1]);
                }
            } else {
                if (c.body.get("policy") != null) {
                    throw new RulesetException("user-defined chain `" + name + "' can't have policy "
                            + c.body.get("policy"));
                }
                tx.newChain(c.family, c.table, name);
            }
        } catch (RulesetException e) {
            throw bad(where, e.getMessage());
        }
    }

    private static RuleSpec spec(Map<?, ?> body, String where) throws RulesetException {
        Map<?, ?> baseCall = body.get("base") == null ? Map.of() : map(body.get("base"), where + ".base");
        List<String> base = words(baseCall, where + ".base", false);
        List<RuleSpec.Call> matches = new ArrayList<>();
        List<?> ms = body.get("matches") == null ? List.of() : list(body.get("matches"), where + ".matches");
        for (int i = 0; i < ms.size(); i++) {
            String w = where + ".matches[" + i + "]";
            Map<?, ?> m = map(ms.get(i), w);
            matches.add(new RuleSpec.Call(str(m, "name", w), words(m, w, true)));
        }
        RuleSpec.Call target = null;
        if (body.get("target") != null) {
            Map<?, ?> t = map(body.get("target"), where + ".target");
            target = new RuleSpec.Call(str(t, "name", where + ".target"), words(t, where + ".target", true));
        }
        Object g = body.get("goto");
        if (g != null && !(g instanceof Boolean)) {
            throw bad(where + ".goto", "must be true or false");
        }
        boolean gotoChain = Boolean.TRUE.equals(g);
        if (gotoChain && target == null) {
            throw bad(where, "\"goto\" needs a target chain");
        }
        RuleSpec spec = new RuleSpec(base, matches, target, gotoChain);
        Object comment = body.get("comment");
        if (comment != null && !comment.equals(RulesetJson.comment(spec))) {
            throw bad(where + ".comment", "differs from the rule's comment match (the match is what is restored)");
        }
        return spec;
    }

    /** The words of one extension use: its {@code "params"} or its {@code "words"}. */
    private static List<String> words(Map<?, ?> call, String where, boolean named) throws RulesetException {
        keys(call, named ? CALL_KEYS : Set.of("params", "words"), where);
        if (call.get("params") != null && call.get("words") != null) {
            throw bad(where, "has both \"params\" and \"words\"");
        }
        if (call.get("words") != null) {
            List<?> ws = list(call.get("words"), where + ".words");
            List<String> out = new ArrayList<>();
            for (int i = 0; i < ws.size(); i++) {
                if (!(ws.get(i) instanceof String)) {
                    throw bad(where + ".words[" + i + "]", "must be a string");
                }
                out.add((String) ws.get(i));
            }
            return out;
        }
        List<?> ps = call.get("params") == null ? List.of() : list(call.get("params"), where + ".params");
        List<java.util.Map<String, Object>> params = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            String w = where + ".params[" + i + "]";
            Map<?, ?> p = map(ps.get(i), w);
            keys(p, PARAM_KEYS, w);
            java.util.Map<String, Object> pm = new java.util.LinkedHashMap<>();
            String option = str(p, "option", w);
            if (!option.startsWith("-")) {
                throw bad(w + ".option", "`" + option + "' is not an option (it starts with -)");
            }
            pm.put("option", option);
            Object v = p.get("value");
            if (v instanceof List) {
                for (Object o : (List<?>) v) {
                    if (!(o instanceof String)) {
                        throw bad(w + ".value", "must be a string or a list of strings");
                    }
                }
            } else if (v != null && !(v instanceof String)) {
                throw bad(w + ".value", "must be a string or a list of strings");
            }
            if (v != null) {
                pm.put("value", v);
            }
            Object inv = p.get("invert");
            if (inv != null && !(inv instanceof Boolean)) {
                throw bad(w + ".invert", "must be true or false");
            }
            if (Boolean.TRUE.equals(inv)) {
                pm.put("invert", true);
            }
            params.add(pm);
        }
        return RulesetJson.words(params);
    }

    private static long[] counters(Object o, String where) throws RulesetException {
        Map<?, ?> c = map(o, where + ".counters");
        keys(c, Set.of("packets", "bytes"), where + ".counters");
        Object p = c.get("packets");
        Object b = c.get("bytes");
        if (!(p instanceof Number) || !(b instanceof Number) || ((Number) p).longValue() < 0
                || ((Number) b).longValue() < 0) {
            throw bad(where + ".counters", "needs \"packets\" and \"bytes\", numbers >= 0");
        }
        return new long[] { ((Number) p).longValue(), ((Number) b).longValue() };
    }

    private static Family family(Map<?, ?> body, String where) throws RulesetException {
        String f = str(body, "family", where);
        try {
            return Family.of(f);
        } catch (IllegalArgumentException e) {
            throw bad(where + ".family", e.getMessage());
        }
    }

    private static void keys(Map<?, ?> m, Set<String> allowed, String where) throws RulesetException {
        for (Object k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw bad(where, "unknown key `" + k + "' (known: " + String.join(", ", new java.util.TreeSet<>(allowed))
                        + ")");
            }
        }
    }

    private static String str(Map<?, ?> m, String key, String where) throws RulesetException {
        Object v = m.get(key);
        if (!(v instanceof String) || ((String) v).isEmpty()) {
            throw bad(where, "needs \"" + key + "\", a non-empty string");
        }
        return (String) v;
    }

    private static Map<?, ?> map(Object o, String where) throws RulesetException {
        if (!(o instanceof Map)) {
            throw bad(where, "must be an object");
        }
        return (Map<?, ?>) o;
    }

    private static List<?> list(Object o, String where) throws RulesetException {
        if (!(o instanceof List)) {
            throw bad(where, "must be an array");
        }
        return (List<?>) o;
    }

    private static RulesetException bad(String where, String what) {
        return new RulesetException(where + ": " + what);
    }

    /** The parser's complaint and where: {@code line 3, column 17: Unexpected character ...}. */
    private static String describe(IOException e) {
        if (e instanceof JsonProcessingException) {
            JsonProcessingException j = (JsonProcessingException) e;
            String m = String.valueOf(j.getOriginalMessage());
            for (String cut : new String[] { "\n", " (start marker", " at [Source" }) {
                int i = m.indexOf(cut);
                if (i > 0) {
                    m = m.substring(0, i);
                }
            }
            JsonLocation l = j.getLocation();
            return l == null ? m : "line " + l.getLineNr() + ", column " + l.getColumnNr() + ": " + m;
        }
        return String.valueOf(e.getMessage());
    }

    /** One table, chain or rule item: where it stands, its family and table. */
    private static final class Item {
        final String where;
        final Family family;
        final String table;
        final Map<?, ?> body;

        Item(String where, Family family, String table, Map<?, ?> body) {
            this.where = where;
            this.family = family;
            this.table = table;
            this.body = body;
        }

        String key() {
            return family.id() + " " + table;
        }

        void declaredIn(Set<String> declared) throws RulesetException {
            if (!declared.contains(key())) {
                throw bad(where, "table " + key() + " has no {\"table\": ...} item (the tables a document names"
                        + " are the ones it replaces)");
            }
        }
    }
}
