package org.pkttables.control;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pkttables.api.CommandFrontend;

/**
 * The whole ruleset, every family, in save format: one text per family's tool ({@code iptables},
 * {@code ip6tables}, {@code arptables}, {@code ebtables}) as its {@code -save} writes it, without counters
 * and without comment lines (so two snapshots of the same rules are equal). Its {@link #text()} puts the
 * families one after the other, each after a {@code # TOOL-save} comment line: what the change history
 * stores and {@code diff} compares. {@link #restore} puts a snapshot back.
 *
 * @param saves the save text of each tool that has tables in use, in {@link ReloadPlan#TOOLS} order
 */
record RulesetSnapshot(Map<String, String> saves) {
    private static final String SECTION = "# ";
    private static final String SAVE = "-save";
    private static final java.util.Set<String> EB_BUILTIN = java.util.Set.of("INPUT", "FORWARD", "OUTPUT", "PREROUTING",
            "POSTROUTING", "BROUTING");

    RulesetSnapshot {
        saves = Collections.unmodifiableMap(new LinkedHashMap<>(saves));
    }

    /** The live ruleset, through the families' {@code -save} commands. */
    static RulesetSnapshot take(CommandFrontend frontend) throws IOException {
        Map<String, String> saves = new LinkedHashMap<>();
        List<String> commands = frontend.commands();
        for (String tool : ReloadPlan.TOOLS) {
            if (!commands.contains(tool + SAVE)) {
                continue;
            }
            CommandFrontend.Result r = frontend.run(tool + SAVE, List.of(), null);
            if (!r.ok()) {
                throw new IOException(tool + SAVE + " failed: " + r.err().strip());
            }
            String body = withoutComments(r.out());
            if (!body.isEmpty()) {
                saves.put(tool, body);
            }
        }
        return new RulesetSnapshot(saves);
    }

    /** Every family's save text, each after a {@code # TOOL-save} line. */
    String text() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : saves.entrySet()) {
            sb.append(SECTION).append(e.getKey()).append(SAVE).append('\n').append(e.getValue());
        }
        return sb.toString();
    }

    /**
     * Reads what {@link #text()} wrote.
     *
     * @throws IllegalArgumentException naming {@code source} and the line that is not in that form
     */
    static RulesetSnapshot parse(String source, List<String> lines, int firstLine) {
        Map<String, StringBuilder> saves = new LinkedHashMap<>();
        StringBuilder current = null;
        int n = firstLine;
        for (String line : lines) {
            String tool = sectionTool(line);
            if (tool != null) {
                if (saves.containsKey(tool)) {
                    throw new IllegalArgumentException(source + ": line " + n + ": a second `" + line + "' section");
                }
                current = new StringBuilder();
                saves.put(tool, current);
            } else if (current == null) {
                throw new IllegalArgumentException(source + ": line " + n + ": `" + line
                        + "' before the first `# TOOL-save' line");
            } else if (!line.startsWith("#")) {
                current.append(line).append('\n');
            }
            n++;
        }
        Map<String, String> out = new LinkedHashMap<>();
        saves.forEach((k, v) -> out.put(k, v.toString()));
        return new RulesetSnapshot(out);
    }

    private static String sectionTool(String line) {
        if (!line.startsWith(SECTION) || !line.endsWith(SAVE)) {
            return null;
        }
        String tool = line.substring(SECTION.length(), line.length() - SAVE.length());
        return ReloadPlan.TOOLS.contains(tool) ? tool : null;
    }

    /**
     * Makes the live ruleset this snapshot, family by family, each family in one commit of its
     * {@code -restore}. A table in use now that the snapshot does not have is emptied: its built-in chains
     * get policy ACCEPT and no rules (a table once used stays listed, as iptables-nft keeps it). When a
     * family fails, the families already restored are put back as {@code live} has them.
     *
     * @param live the ruleset now (taken just before)
     * @return null when done, else why not (the ruleset is then as {@code live} has it)
     */
    String restore(CommandFrontend frontend, RulesetSnapshot live) {
        List<String> done = new ArrayList<>();
        for (String tool : ReloadPlan.TOOLS) {
            String want = saves.getOrDefault(tool, "");
            String have = live.saves.getOrDefault(tool, "");
            if (want.equals(have)) {
                continue;
            }
            String text = want + emptied(tool, have, tables(want));
            CommandFrontend.Result r = frontend.run(tool + "-restore", List.of(), text);
            if (!r.ok()) {
                StringBuilder why = new StringBuilder(tool).append("-restore failed: ").append(r.err().strip());
                for (String back : done) {
                    CommandFrontend.Result b = frontend.run(back + "-restore", List.of(),
                            live.saves.getOrDefault(back, "") + emptied(back, saves.getOrDefault(back, ""),
                                    tables(live.saves.getOrDefault(back, ""))));
                    if (!b.ok()) {
                        why.append("; AND putting ").append(back).append(" back failed: ").append(b.err().strip());
                    }
                }
                return why.toString();
            }
            done.add(tool);
        }
        return null;
    }

    /** The tables of a save text ({@code *filter} ...). */
    static List<String> tables(String save) {
        List<String> t = new ArrayList<>();
        for (String line : save.split("\n")) {
            if (line.startsWith("*")) {
                t.add(line.substring(1).strip());
            }
        }
        return t;
    }

    /**
     * Restore stanzas emptying the tables of {@code have} that are not in {@code keep}: their built-in
     * chains (those with a policy) with policy ACCEPT, nothing else.
     */
    private static String emptied(String tool, String have, List<String> keep) {
        boolean eb = tool.equals("ebtables");
        StringBuilder sb = new StringBuilder();
        boolean in = false;
        for (String line : have.split("\n")) {
            if (line.startsWith("*")) {
                if (in && !eb) {
                    sb.append("COMMIT\n");
                }
                in = !keep.contains(line.substring(1).strip());
                if (in) {
                    sb.append(line).append('\n');
                }
            } else if (in && line.startsWith(":")) {
                String[] w = line.substring(1).split(" ");
                if (w.length >= 2 && isBuiltin(eb, w[0], w[1])) {
                    sb.append(':').append(w[0]).append(" ACCEPT").append(eb ? "" : " [0:0]").append('\n');
                }
            }
        }
        if (in && !eb) {
            sb.append("COMMIT\n");
        }
        return sb.toString();
    }

    /**
     * Whether a chain line is a built-in chain's: its policy is not {@code -} (a user chain's) in the
     * iptables family; ebtables' user chains have policies too, so there the hook's name tells.
     */
    private static boolean isBuiltin(boolean eb, String chain, String policy) {
        return eb ? EB_BUILTIN.contains(chain) : !policy.equals("-");
    }

    static String withoutComments(String save) {
        StringBuilder sb = new StringBuilder();
        for (String line : save.split("\n", -1)) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }
}
