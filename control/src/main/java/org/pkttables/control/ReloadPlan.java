package org.pkttables.control;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.pkttables.api.SaveQuoting;
import org.pkttables.api.ShellWords;
import org.pkttables.control.client.RestoreFile;
import org.pkttables.control.client.StrictUtf8Lines;

/**
 * The rules a config script would leave in an empty appliance, as one restore text per tool
 * ({@code iptables-restore}, {@code ip6tables-restore}, {@code arptables-restore}, {@code ebtables-restore}):
 * what a reload commits, each family in one transaction that replaces all of its tables, so that
 * reloading a config of {@code iptables -A} lines does not append its rules a second time.
 *
 * <p>Read in the order of the script: a {@code TOOL-restore FILE} replaces each table FILE has a section
 * for (appends to it with {@code --noflush}; only table T with {@code -T T}); a {@code TOOL [-t T] ...}
 * line that changes rules ({@code -A -I -D -R -N -X -F -Z -P -E}) becomes a line of table T's section
 * ({@code filter} when not named); listing and checking lines change nothing and are passed over. Every
 * other command (ports, addresses, IP sets, conntrack settings ...) is not part of the rules: a reload
 * does not run it again ({@link #notRerun}), a restart does.
 *
 * <p>Each line of a restore text remembers where it came from ({@link #origin}), so that a failure is
 * named by the config's line (and the restore file's line).
 */
final class ReloadPlan {
    /** The tools whose rules a reload replaces, in the order they are committed. */
    static final List<String> TOOLS = List.of("iptables", "ip6tables", "arptables", "ebtables");

    /** Options that change rules (the commands of iptables(8) and ebtables(8)). */
    private static final Set<String> CHANGES = Set.of("-A", "--append", "-I", "--insert", "-D", "--delete", "-R",
            "--replace", "-N", "--new-chain", "--new", "-X", "--delete-chain", "-F", "--flush", "-Z", "--zero",
            "-P", "--policy", "-E", "--rename-chain", "--init-table");

    /** A line of a table's section and where it came from ({@code line 4}, {@code line 2 (rules.v4 line 7)}). */
    private record Entry(String text, String origin) {
    }

    /** One tool's tables, each its section's lines in order. */
    private static final class Tool {
        final Map<String, List<Entry>> tables = new LinkedHashMap<>();
        boolean counters;
    }

    private final Map<String, Tool> tools = new LinkedHashMap<>();
    private final List<String> notRerun = new ArrayList<>();
    /** Per tool, the origin of each line of its last {@link #restoreText}. */
    private final Map<String, List<String>> origins = new LinkedHashMap<>();

    private ReloadPlan() {
    }

    /**
     * Reads the script's lines (restore files relative to {@code baseDir}).
     *
     * @throws IllegalArgumentException naming the config line (and restore file line) that cannot be read
     * @throws IOException              when a restore file cannot be read
     */
    static ReloadPlan of(String name, List<StrictUtf8Lines.Line> lines, Path baseDir) throws IOException {
        ReloadPlan p = new ReloadPlan();
        for (StrictUtf8Lines.Line l : lines) {
            if (l.error() != null) {
                throw new IllegalArgumentException(l.error().getMessage());
            }
            String text = l.text().strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String where = "line " + l.number();
            List<String> words;
            try {
                words = ShellWords.split(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + where + ": " + e.getMessage(), e);
            }
            String command = words.get(0);
            String tool = command.endsWith("-restore") ? command.substring(0, command.length() - 8) : command;
            if (!TOOLS.contains(tool)) {
                p.notRerun.add(where + " `" + text + "'");
            } else if (command.endsWith("-restore")) {
                p.restore(name, where, tool, words.subList(1, words.size()), baseDir);
            } else {
                p.command(where, tool, words.subList(1, words.size()));
            }
        }
        return p;
    }

    private Tool tool(String name) {
        return tools.computeIfAbsent(name, n -> new Tool());
    }

    private void restore(String name, String where, String tool, List<String> args, Path baseDir) throws IOException {
        RestoreFile rf;
        try {
            rf = RestoreFile.split(args);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + where + ": " + tool + "-restore: " + e.getMessage(), e);
        }
        if (rf.file() == null) {
            throw new IllegalArgumentException(name + ": " + where + ": " + tool + "-restore needs a file name in a "
                    + "script");
        }
        boolean noflush = false;
        String only = null;
        List<String> opts = rf.options();
        for (int i = 0; i < opts.size(); i++) {
            switch (opts.get(i)) {
                case "-n", "--noflush" -> noflush = true;
                case "-c", "--counters" -> tool(tool).counters = true;
                case "-t", "--test" -> {
                    return; // checks the file, changes nothing
                }
                case "-T", "--table" -> only = i + 1 < opts.size() ? opts.get(++i) : null;
                default -> {
                    // -v, -w, -W N, -M: nothing to do with the rules
                }
            }
        }
        Path file = baseDir.resolve(rf.file());
        String text;
        try {
            text = StrictUtf8Lines.read(file);
        } catch (IOException e) {
            throw new IOException(name + ": " + where + ": " + tool + "-restore: cannot read " + file + ": "
                    + e.getMessage(), e);
        }
        Tool t = tool(tool);
        String[] lines = text.split("\n", -1);
        List<Entry> section = null;
        for (int i = 0; i < lines.length; i++) {
            String line = SaveQuoting.strip(lines[i]);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("*")) {
                String table = line.substring(1).strip();
                if (only != null && !only.equals(table)) {
                    section = new ArrayList<>(); // read and left out
                } else if (noflush) {
                    section = t.tables.computeIfAbsent(table, k -> new ArrayList<>());
                } else {
                    section = new ArrayList<>();
                    t.tables.put(table, section); // the table is replaced: what came before it is gone
                }
            } else if (line.equals("COMMIT")) {
                section = null;
            } else if (section == null) {
                throw new IllegalArgumentException(name + ": " + where + " (" + rf.file() + " line " + (i + 1)
                        + "): `" + line + "' is not in a table (no *TABLE line before it)");
            } else {
                section.add(new Entry(line, where + " (" + rf.file() + " line " + (i + 1) + ")"));
            }
        }
    }

    private void command(String where, String tool, List<String> args) {
        String table = "filter";
        List<String> words = new ArrayList<>();
        boolean changes = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-t") || a.equals("--table")) {
                table = i + 1 < args.size() ? args.get(++i) : table;
            } else if (a.startsWith("--table=")) {
                table = a.substring("--table=".length());
            } else if (a.startsWith("-t") && a.length() > 2 && !a.startsWith("--")) {
                table = a.substring(2);
            } else if (a.equals("-w") || a.equals("--wait") || a.equals("-W") || a.equals("--wait-interval")) {
                if (i + 1 < args.size() && args.get(i + 1).matches("[0-9]+(\\.[0-9]+)?")) {
                    i++; // the lock's wait: nothing to do with the rules
                }
            } else {
                changes |= CHANGES.contains(a);
                words.add(a);
            }
        }
        if (!changes) {
            return; // -L, -S, -C ...: reads the rules, changes none
        }
        StringBuilder line = new StringBuilder();
        for (String w : words) {
            line.append(line.length() > 0 ? " " : "").append(SaveQuoting.quote(w));
        }
        tool(tool).tables.computeIfAbsent(table, k -> new ArrayList<>()).add(new Entry(line.toString(), where));
    }

    /**
     * The restore text that gives {@code tool}'s family exactly the script's rules: a section for each
     * table of the script and each of {@code liveTables} (the ones now in use, emptied when the script has
     * nothing for them); null when there is nothing to restore.
     */
    String restoreText(String tool, List<String> liveTables) {
        Tool t = tools.getOrDefault(tool, new Tool());
        Map<String, List<Entry>> tables = new LinkedHashMap<>(t.tables);
        for (String live : liveTables) {
            tables.putIfAbsent(live, List.of());
        }
        if (tables.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        List<String> from = new ArrayList<>();
        for (Map.Entry<String, List<Entry>> e : tables.entrySet()) {
            sb.append('*').append(e.getKey()).append('\n');
            from.add("(the reload's *" + e.getKey() + " line)");
            for (Entry l : e.getValue()) {
                sb.append(l.text()).append('\n');
                from.add(l.origin());
            }
            sb.append("COMMIT\n");
            from.add("(the reload's COMMIT of " + e.getKey() + ")");
        }
        origins.put(tool, from);
        return sb.toString();
    }

    /** True when a restore file of the script for {@code tool} carried counters ({@code -c}). */
    boolean counters(String tool) {
        Tool t = tools.get(tool);
        return t != null && t.counters;
    }

    /** Where line {@code number} (1-based) of {@code tool}'s last restore text came from. */
    String origin(String tool, int number) {
        List<String> from = origins.getOrDefault(tool, List.of());
        return number >= 1 && number <= from.size() ? from.get(number - 1) : null;
    }

    /** The script's lines that are not rules, which a reload does not run again. */
    List<String> notRerun() {
        return List.copyOf(notRerun);
    }
}
