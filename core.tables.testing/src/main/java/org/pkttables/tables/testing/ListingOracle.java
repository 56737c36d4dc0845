package org.pkttables.tables.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.pkttables.api.CommandFrontend;

/**
 * The {@code -L} differential: every case the real tool (iptables or ip6tables 1.8.9) accepts is added
 * with the real tool in a network namespace and with pkttables, and the chain is listed with
 * {@code -L -n}, {@code -L -n -v -x} and {@code -L} (names); each listing must be the same text. Needs
 * root and the real tool; the caller skips otherwise.
 */
public final class ListingOracle {
    /** The listing options compared, after {@code TOOL -t TABLE -L CHAIN}. */
    public static final List<String> FORMS = List.of("-n", "-n -v -x", "", "-n --line-numbers");

    private ListingOracle() {
    }

    /**
     * @param harness a fresh pkttables core with the extensions the cases need (one per case)
     * @param setup   shell text the real tool's namespace runs first (the sets rules refer to), may be empty
     * @return what differs (empty when nothing does), or null when no network namespace could be made
     */
    public static List<String> mismatches(Supplier<Harness> harness, List<CaseFile.Case> cases, String setup)
            throws IOException, InterruptedException {
        return mismatches(harness, cases, setup, java.util.Map.of());
    }

    /**
     * As {@link #mismatches(Supplier, List, String)}, with the cases known to list differently ({@code FILE:LINE}
     * to why): they are still run, and one that no longer differs is a mismatch too, so the list only shrinks.
     */
    public static List<String> mismatches(Supplier<Harness> harness, List<CaseFile.Case> cases, String setup,
            java.util.Map<String, String> known) throws IOException, InterruptedException {
        List<String> mismatches = new ArrayList<>();
        for (String tool : List.of("iptables", "ip6tables")) {
            List<CaseFile.Case> mine = cases.stream().filter(c -> c.tool().equals(tool)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            List<Function<CaseFile.Case, String>> commands = new ArrayList<>();
            for (String form : FORMS) {
                commands.add(c -> command(c, form));
            }
            List<RealToolOracle.Run> runs = RealToolOracle.run(tool, mine, setup, commands);
            if (runs == null) {
                return null;
            }
            if (runs.size() != mine.size()) {
                mismatches.add(tool + ": only " + runs.size() + " of " + mine.size() + " cases ran");
            }
            for (RealToolOracle.Run run : runs) {
                if (!run.accepted()) {
                    continue;
                }
                Harness h = harness.get();
                CaseFile.Case c = run.c();
                CommandFrontend.Result add = h.sh(tool + " -t " + c.table() + " -A " + c.chain() + " " + c.rule());
                if (add.exit() != 0) {
                    mismatches.add(c + ": the real tool accepts it, pkttables says " + add.err().strip());
                    continue;
                }
                String why = known.get(c.file() + ":" + c.line());
                boolean differs = false;
                for (int k = 0; k < FORMS.size(); k++) {
                    String cmd = command(c, FORMS.get(k));
                    CommandFrontend.Result list = h.sh(cmd);
                    String real = run.outputs().get(k);
                    differs |= !list.out().equals(real);
                    if (!list.out().equals(real) && why == null) {
                        boolean sameRows = rows(real).equals(rows(list.out()));
                        mismatches.add(c + ": `" + cmd + "`\n  real:      " + (sameRows ? whole(real) : rows(real))
                                + "\n  pkttables: " + (sameRows ? whole(list.out()) : rows(list.out()))
                                + (list.err().isEmpty() ? "" : " (" + list.err().strip() + ")"));
                    }
                }
                if (why != null && !differs) {
                    mismatches.add(c + ": listed as known to differ (" + why + "), but lists as the real tool now");
                }
            }
        }
        return mismatches;
    }

    /**
     * Why the differential cannot run here (not root, no real iptables), or null when it can: tests skip
     * with this message.
     */
    public static String missing() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "needs root for a network namespace";
        }
        for (String tool : List.of("iptables", "ip6tables")) {
            if (!java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/sbin", tool))
                    && !java.nio.file.Files.isExecutable(java.nio.file.Path.of("/sbin", tool))) {
                return "needs the real " + tool;
            }
        }
        return null;
    }

    /**
     * The OK cases of the files, once per line and tool (the first of the line's chains: a rule lists alike
     * in each), for iptables and ip6tables.
     */
    public static List<CaseFile.Case> accepted(Class<?> near, List<String> files) {
        List<CaseFile.Case> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String f : files) {
            for (CaseFile.Case c : CaseFile.load(near, f)) {
                if (c.ok() && (c.tool().equals("iptables") || c.tool().equals("ip6tables"))
                        && seen.add(c.file() + ":" + c.line() + ":" + c.tool())) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static String command(CaseFile.Case c, String form) {
        return c.tool() + " -t " + c.table() + " -L " + c.chain() + (form.isEmpty() ? "" : " " + form);
    }

    private static String whole(String listing) {
        return "[" + listing.replace("\n", "\\n") + "]";
    }

    /** The rule rows of a listing (after the two header lines), each in brackets to show its blanks. */
    private static String rows(String listing) {
        List<String> lines = listing.lines().toList();
        List<String> rows = lines.size() > 2 ? lines.subList(2, lines.size()) : lines;
        return rows.isEmpty() ? "(no rule) [" + listing.replace("\n", "\\n") + "]" : "[" + String.join("] [", rows) + "]";
    }
}
