package org.pkttables.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pkttables.api.CommandFrontend;
import org.pkttables.control.client.StrictUtf8Lines;

/**
 * Reloads the {@code --config} script of a running appliance (SIGHUP, systemd's {@code ExecReload}),
 * all or nothing: a script that cannot be read, is not UTF-8 or names a restore file that is not there
 * changes nothing; otherwise the rulesets of every family are saved (with counters), the script runs,
 * stopping at its first failing line, and a failure puts the saved rulesets back with their
 * {@code -restore} (each family's restore is one atomic commit).
 *
 * <p>The script runs over the running ruleset, line by line, as {@code iptables-restore} would: a config
 * of {@code iptables-restore FILE} lines (as the package's) replaces each family's tables in one commit,
 * so packets see the old rules or the new ones, never a mix and never no rules; a config of
 * {@code iptables -A} lines would append its rules again. IP sets are not part of the snapshot.
 */
final class ConfigReload {
    /** The save commands of the families, with their options that keep counters. */
    private static final Map<String, List<String>> SAVES = new LinkedHashMap<>();

    static {
        SAVES.put("iptables-save", List.of("-c"));
        SAVES.put("ip6tables-save", List.of("-c"));
        SAVES.put("arptables-save", List.of());
        SAVES.put("ebtables-save", List.of());
    }

    private final Path config;
    private final ControlServer.Handler router;
    private final CommandFrontend frontend;
    private final Output out;

    ConfigReload(Path config, ControlServer.Handler router, CommandFrontend frontend, Output out) {
        this.config = config;
        this.router = router;
        this.frontend = frontend;
        this.out = out;
    }

    /** Reloads; returns one line saying what happened ({@code reloaded …} or {@code reload FAILED …}). */
    synchronized String reload() {
        List<StrictUtf8Lines.Line> lines;
        try {
            lines = StrictUtf8Lines.lines(config.toString(), Files.readAllBytes(config));
            for (StrictUtf8Lines.Line l : lines) {
                if (l.error() != null) {
                    return failed(l.error().getMessage() + "; nothing changed");
                }
                String text = l.text().strip();
                if (!text.isEmpty() && !text.startsWith("#")) {
                    Script.request(text, config.getParent()); // every restore file there and UTF-8
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return failed(config + ": " + e.getMessage() + "; nothing changed");
        }
        Map<String, String> saved = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> s : SAVES.entrySet()) {
            if (frontend.commands().contains(s.getKey())) {
                CommandFrontend.Result r = frontend.run(s.getKey(), s.getValue(), null);
                if (!r.ok()) {
                    return failed(s.getKey() + " (the snapshot to fall back on) failed: " + r.err().strip()
                            + "; nothing changed");
                }
                saved.put(s.getKey().replace("-save", "-restore"), r.out());
            }
        }
        List<Script.Failure> failed;
        try {
            failed = Script.run(config.toString(), lines, config.getParent(), router, out, true);
        } catch (IOException e) {
            failed = List.of(new Script.Failure(0, 1, e.toString()));
        }
        if (failed.isEmpty()) {
            return "reloaded " + config;
        }
        StringBuilder why = new StringBuilder(config.toString()).append(": ").append(failed.get(0));
        for (Map.Entry<String, String> s : saved.entrySet()) {
            List<String> args = s.getKey().startsWith("ip") ? List.of("-c") : List.of();
            CommandFrontend.Result r = frontend.run(s.getKey(), args, s.getValue());
            if (!r.ok()) {
                why.append("; AND putting the previous ruleset back with ").append(s.getKey()).append(" failed: ")
                        .append(r.err().strip());
            }
        }
        return failed(why + "; the previous ruleset is back");
    }

    private String failed(String why) {
        return "reload FAILED: " + why;
    }
}
