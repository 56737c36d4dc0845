package org.pkttables.tables.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.pkttables.api.CommandFrontend;

/**
 * One case file in the iptables .t format: {@code :CHAIN,CHAIN} and {@code *table} headers, then
 * {@code RULE;EXPECTED;OK|FAIL} lines ({@code =} for "listed as written"). The name prefix picks the tools:
 * {@code libxt_} both iptables and ip6tables, {@code libipt_} iptables, {@code libip6t_} ip6tables,
 * {@code libarpt_} arptables, {@code libebt_} ebtables.
 * Extension authors write their cases this way and check each with {@link Case#check}.
 */
public final class CaseFile {
    /** One rule tried in one chain with one tool. */
    public record Case(String file, int line, String tool, String table, String chain, String rule,
            String expected, boolean ok) {
        @Override
        public String toString() {
            return file + ":" + line + " " + tool + " -t " + table + " -A " + chain + " " + rule;
        }

        /**
         * Adds the rule with {@code TOOL -t T -A CHAIN RULE}, lists the chain with {@code -S}: an OK case must
         * list exactly the expected rule; a FAIL case must exit non-zero with an error and add nothing.
         *
         * @return null when the case holds, else what went wrong
         */
        public String check(Harness h) {
            CommandFrontend.Result add = h.sh(tool + " -t " + table + " -A " + chain + " " + rule);
            // ebtables has no -S: its save lists rules in the same "-A CHAIN rule" form.
            CommandFrontend.Result list = tool.equals("ebtables") ? h.sh("ebtables-save -t " + table)
                    : h.sh(tool + " -t " + table + " -S " + chain);
            if (list.exit() != 0) {
                return "listing failed: " + list.err();
            }
            String prefix = "-A " + chain + " ";
            List<String> rules = list.out().lines().filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(prefix.length())).toList();
            if (ok) {
                if (add.exit() != 0) {
                    return "rejected: " + add.err();
                }
                return rules.equals(List.of(expected)) ? null : "listed as " + rules + ", expected [" + expected + "]";
            }
            if (add.exit() == 0) {
                return "accepted, listed as " + rules;
            }
            if (add.err().isBlank()) {
                return "rejected without an error message";
            }
            return rules.isEmpty() ? null : "rejected, but listed " + rules;
        }
    }

    private CaseFile() {
    }

    /** The tools a case file is for, from its name prefix. */
    public static List<String> tools(String file) {
        if (file.startsWith("libxt_")) {
            return List.of("iptables", "ip6tables");
        }
        if (file.startsWith("libipt_")) {
            return List.of("iptables");
        }
        if (file.startsWith("libip6t_")) {
            return List.of("ip6tables");
        }
        if (file.startsWith("libarpt_")) {
            return List.of("arptables");
        }
        if (file.startsWith("libebt_")) {
            return List.of("ebtables");
        }
        throw new IllegalArgumentException("case file " + file + " has no libxt_/libipt_/libip6t_ prefix");
    }

    /** Every case of {@code /cases/FILE}, a resource next to {@code near}, for each tool it applies to. */
    public static List<Case> load(Class<?> near, String file) {
        return parse(file, lines(near, "/cases/" + file));
    }

    /** Every case of a case file on disk (its name picks the tools), for each tool it applies to. */
    public static List<Case> load(java.nio.file.Path path) throws IOException {
        return parse(path.getFileName().toString(), java.nio.file.Files.readAllLines(path, StandardCharsets.UTF_8));
    }

    private static List<Case> parse(String file, List<String> lines) {
        List<Case> out = new ArrayList<>();
        for (String tool : tools(file)) {
            List<String> chains = List.of("INPUT");
            String table = "filter";
            int n = 0;
            for (String line : lines) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith(":")) {
                    chains = List.of(line.substring(1).split(","));
                    continue;
                }
                if (line.startsWith("*")) {
                    table = line.substring(1);
                    continue;
                }
                int r = line.lastIndexOf(';');
                int e = line.lastIndexOf(';', r - 1);
                if (e < 0) {
                    throw new IllegalArgumentException(file + ":" + n + ": not RULE;EXPECTED;RESULT: " + line);
                }
                String rule = line.substring(0, e);
                String expected = line.substring(e + 1, r);
                String result = line.substring(r + 1);
                if (!result.equals("OK") && !result.equals("FAIL")) {
                    throw new IllegalArgumentException(file + ":" + n + ": result must be OK or FAIL: " + line);
                }
                for (String chain : chains) {
                    out.add(new Case(file, n, tool, table, chain, rule, expected.equals("=") ? rule : expected,
                            result.equals("OK")));
                }
            }
        }
        return out;
    }

    private static List<String> lines(Class<?> near, String resource) {
        InputStream in = near.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no test resource " + resource);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
