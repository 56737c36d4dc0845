package org.pkttables.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pkttables.api.CommandFrontend;
import org.pkttables.control.client.StrictUtf8Lines;

/**
 * Reloads the {@code --config} script of a running appliance (SIGHUP, systemd's {@code ExecReload}),
 * all or nothing, replacing the rules rather than adding to them: the script is read into a
 * {@link ReloadPlan} (the rules it would leave in an empty appliance, one restore text per family) and
 * each family's tables are replaced in one commit by its {@code -restore}, so packets see the old rules or
 * the new ones, never a mix, and a config of {@code iptables -A} lines reloaded twice has its rules once.
 * Tables in use that the script does not name are emptied (as at boot, where the config starts from
 * nothing). A script that cannot be read, is not UTF-8 or names a restore file that is not there changes
 * nothing; a family whose restore fails is left as it was, and the families already replaced are put back
 * from the snapshot taken before (every family's {@code -save} with counters). The lines that are not
 * rules (ports, addresses, IP sets ...) are not run again: the outcome names them (a restart applies
 * them).
 */
final class ConfigReload {
    /** The save commands of the families, with their options that keep counters. */
    private static final Map<String, List<String>> SAVES = new LinkedHashMap<>();
    private static final Pattern FAILED_LINE = Pattern.compile("line ([0-9]+) failed: ([^\n]*)");
    /**
     * iptables-restore 1.8.9's parameter problem: the message (a blank line after it where 1.8.9 prints one), then
     * "Error occurred at line: N".
     */
    private static final Pattern PARAMETER_PROBLEM = Pattern.compile(
            "^(?:\\S+-restore v1\\.8\\.9 \\(nf_tables\\): )?([^\n]*)\n\n?Error occurred at line: ([0-9]+)");
    /** iptables-restore 1.8.9's kernel refusal: "line N: RULE_APPEND failed (...): rule in chain C". */
    private static final Pattern KERNEL_REFUSAL = Pattern.compile("(?m)^line ([0-9]+): (.*)", Pattern.DOTALL);

    static {
        SAVES.put("iptables", List.of("-c"));
        SAVES.put("ip6tables", List.of("-c"));
        SAVES.put("arptables", List.of());
        SAVES.put("ebtables", List.of());
    }

    private final Path config;
    private final CommandFrontend frontend;

    ConfigReload(Path config, CommandFrontend frontend) {
        this.config = config;
        this.frontend = frontend;
    }

    /** Reloads; returns one line saying what happened ({@code reloaded …} or {@code reload FAILED …}). */
    synchronized String reload() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(config);
        } catch (IOException e) {
            return failed("cannot read " + config + ": " + e + "; nothing changed");
        }
        ReloadPlan plan;
        try {
            plan = ReloadPlan.of(config.toString(), StrictUtf8Lines.lines(config.toString(), bytes),
                    config.getParent());
        } catch (IOException | IllegalArgumentException e) {
            String why = e.getMessage();
            return failed((why.startsWith(config.toString()) ? "" : config + ": ") + why + "; nothing changed");
        }
        Map<String, String> saved = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> s : SAVES.entrySet()) {
            String save = s.getKey() + "-save";
            if (frontend.commands().contains(save)) {
                CommandFrontend.Result r = frontend.run(save, s.getValue(), null);
                if (!r.ok()) {
                    return failed(save + " (the snapshot to fall back on) failed: " + r.err().strip()
                            + "; nothing changed");
                }
                saved.put(s.getKey(), r.out());
            }
        }
        List<String> replaced = new ArrayList<>();
        for (String tool : ReloadPlan.TOOLS) {
            if (!frontend.commands().contains(tool + "-restore")) {
                continue;
            }
            String text = plan.restoreText(tool, tables(saved.getOrDefault(tool, "")));
            if (text == null) {
                continue;
            }
            CommandFrontend.Result r = frontend.run(tool + "-restore", plan.counters(tool) ? List.of("-c")
                    : List.of(), text);
            if (!r.ok()) {
                StringBuilder why = new StringBuilder(config.toString()).append(": ").append(why(plan, tool, r));
                putBack(replaced, saved, why);
                return failed(why + "; the previous ruleset is back");
            }
            replaced.add(tool);
        }
        StringBuilder done = new StringBuilder("reloaded ").append(config);
        List<String> notRerun = plan.notRerun();
        if (!notRerun.isEmpty()) {
            done.append(" (the rules; not run again, a restart applies them: ").append(String.join(", ", notRerun))
                    .append(')');
        }
        return done.toString();
    }

    /** The tables of a save text ({@code *filter} ...). */
    private static List<String> tables(String save) {
        List<String> tables = new ArrayList<>();
        for (String line : save.split("\n")) {
            if (line.startsWith("*")) {
                tables.add(line.substring(1).strip());
            }
        }
        return tables;
    }

    /** The restore's failure, named by the config line (and restore file line) it came from. */
    private static String why(ReloadPlan plan, String tool, CommandFrontend.Result r) {
        String err = r.err().strip();
        Matcher m = FAILED_LINE.matcher(err);
        Matcher p = PARAMETER_PROBLEM.matcher(err);
        Matcher k = KERNEL_REFUSAL.matcher(err);
        String line = null;
        String what = null;
        if (m.find()) {
            line = m.group(1);
            what = m.group(2);
        } else if (p.find()) {
            line = p.group(2);
            what = p.group(1);
        } else if (k.find()) {
            line = k.group(1);
            what = k.group(2).replace('\n', ' ');
        }
        if (line != null) {
            String origin = plan.origin(tool, Integer.parseInt(line));
            if (origin != null) {
                return origin.replaceFirst("^line ([0-9]+)", "line $1 (" + tool + ")").replace(") (", ", ") + ": "
                        + what;
            }
        }
        return tool + "-restore: " + err.replace('\n', ' ');
    }

    /** Puts the families already replaced back from their snapshot; a failure to do so is added to {@code why}. */
    private void putBack(List<String> replaced, Map<String, String> saved, StringBuilder why) {
        for (String tool : replaced) {
            List<String> args = SAVES.get(tool).contains("-c") ? List.of("-c") : List.of();
            CommandFrontend.Result r = frontend.run(tool + "-restore", args, saved.get(tool));
            if (!r.ok()) {
                why.append("; AND putting the previous ruleset back with ").append(tool).append("-restore failed: ")
                        .append(r.err().strip());
            }
        }
    }

    private String failed(String why) {
        return "reload FAILED: " + why;
    }
}
