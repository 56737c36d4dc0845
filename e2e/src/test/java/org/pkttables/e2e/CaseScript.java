package org.pkttables.e2e;

import java.util.ArrayList;
import java.util.List;

import org.pkttables.tables.testing.CaseFile;

/**
 * The {@code .t} conformance cases of one tool as one shell script, run the same way by the real tool (in a
 * network namespace) and by the command shims (first on {@code PATH}): per case
 * {@code TOOL -t T -A CHAIN RULE}, then the listings, then {@code TOOL -t T -F CHAIN}. Each command is its
 * own call of the tool, as a script calls it. A case file line tried in several chains is listed in the
 * first only (the rule lists alike in each; whether a chain takes it is what the others check); a refused
 * rule gets the first listing only (nothing may have been added). The output marks each case
 * {@code @@I EXIT}, then its standard error, each line marked {@code @!}, and each listing {@code @#K}.
 */
final class CaseScript {
    /**
     * What one case did: the exit code adding the rule, what it printed on standard error, and the listings
     * after it (fewer when not run).
     */
    record Run(CaseFile.Case c, int exit, String err, List<String> listings) {
    }

    private final String tool;
    private final List<CaseFile.Case> cases;
    private final List<String> listings;

    /**
     * @param listings shell text of each listing after {@code TOOL -t T} ({@code -S CHAIN}, with
     *                 {@code CHAIN} replaced by the case's chain); the first must show every rule of the chain
     */
    CaseScript(String tool, List<CaseFile.Case> cases, List<String> listings) {
        this.tool = tool;
        this.cases = List.copyOf(cases);
        this.listings = List.copyOf(listings);
    }

    List<CaseFile.Case> cases() {
        return cases;
    }

    /** The script, {@code setup} (shell text) first. */
    String text(String setup) {
        StringBuilder s = new StringBuilder(setup).append('\n');
        s.append("E=$(mktemp)\n");
        for (int i = 0; i < cases.size(); i++) {
            CaseFile.Case c = cases.get(i);
            String t = tool + " -t " + c.table();
            s.append(t).append(" -A ").append(c.chain()).append(' ').append(c.rule())
                    .append(" >/dev/null 2>\"$E\"; rc=$?; echo \"@@").append(i).append(" $rc\"; sed 's/^/@!/' \"$E\"\n");
            if (firstChain(i)) {
                s.append("echo '@#0'; ").append(t).append(' ').append(listing(0, c)).append('\n');
                s.append("if [ $rc = 0 ]; then :\n");
                for (int k = 1; k < listings.size(); k++) {
                    s.append("echo '@#").append(k).append("'; ").append(t).append(' ').append(listing(k, c)).append('\n');
                }
                s.append("fi\n");
            }
            s.append("[ $rc = 0 ] && ").append(t).append(" -F ").append(c.chain()).append(" >/dev/null 2>&1\n");
        }
        s.append("rm -f \"$E\"\n");
        return s.toString();
    }

    /** The runs in the script's standard output, one per case that got as far as its exit code. */
    List<Run> parse(String out) {
        List<Run> runs = new ArrayList<>();
        String[] blocks = out.split("(?m)^@@", -1);
        for (int b = 1; b < blocks.length; b++) {
            String[] parts = blocks[b].split("(?m)^@#\\d+\n", -1);
            String[] head = parts[0].lines().findFirst().orElse("").split(" ");
            StringBuilder err = new StringBuilder();
            parts[0].lines().skip(1).filter(l -> l.startsWith("@!")).forEach(l -> err.append(l, 2, l.length()).append('\n'));
            List<String> outs = new ArrayList<>();
            for (int k = 1; k < parts.length; k++) {
                outs.add(parts[k]);
            }
            runs.add(new Run(cases.get(Integer.parseInt(head[0])), Integer.parseInt(head[1].strip()), err.toString(), outs));
        }
        return runs;
    }

    /** The case is the first try of its file line (the first chain of the line). */
    private boolean firstChain(int i) {
        if (i == 0) {
            return true;
        }
        CaseFile.Case a = cases.get(i - 1);
        CaseFile.Case b = cases.get(i);
        return !(a.file().equals(b.file()) && a.line() == b.line());
    }

    private String listing(int k, CaseFile.Case c) {
        return listings.get(k).replace("CHAIN", c.chain());
    }
}
