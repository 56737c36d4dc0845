package org.pkttables.tables.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Re-checks recorded case files against the real tool (iptables, arptables, ebtables …) in a network
 * namespace of its own: every case is added with the real tool, listed, and the chain flushed; accepted
 * or refused and the listing must be what the file says. Needs root; the caller skips otherwise.
 */
public final class RealToolOracle {
    private RealToolOracle() {
    }

    /**
     * @param tool        the real tool's command ({@code arptables})
     * @param listCommand shell text that prints the case's chain in {@code -A CHAIN rule} lines
     * @return the cases the real tool disagrees with (empty when none), or null when no network namespace
     *         could be made
     */
    public static List<String> mismatches(String tool, List<CaseFile.Case> cases,
            Function<CaseFile.Case, String> listCommand) throws IOException, InterruptedException {
        List<Run> runs = run(tool, cases, "", List.of(listCommand));
        if (runs == null) {
            return null;
        }
        List<String> mismatches = new ArrayList<>();
        if (runs.size() != cases.size()) {
            mismatches.add("only " + runs.size() + " of " + cases.size() + " cases ran");
        }
        for (Run run : runs) {
            CaseFile.Case c = run.c();
            String prefix = "-A " + c.chain() + " ";
            List<String> listed = run.outputs().get(0).lines().filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(prefix.length())).collect(Collectors.toList());
            if (run.accepted() != c.ok() || (c.ok() && !listed.equals(List.of(c.expected())))) {
                mismatches.add(c + ": real tool " + (run.accepted() ? "lists " + listed : "refuses it"));
            }
        }
        return mismatches;
    }

    /**
     * What the real tool did with one case: whether it accepted the rule, and the standard output of each
     * listing command run after it (in the order given).
     */
    public record Run(CaseFile.Case c, boolean accepted, List<String> outputs) {
        public Run {
            outputs = List.copyOf(outputs);
        }
    }

    /**
     * Adds every case with the real tool in a network namespace of its own, runs the listing commands after
     * each and flushes the chain again.
     *
     * @param setup        shell text run once first (sets the rules refer to), may be empty
     * @param listCommands shell text per listing wanted ({@code iptables -t filter -L INPUT -n})
     * @return one run per case that ran, or null when no network namespace could be made
     */
    public static List<Run> run(String tool, List<CaseFile.Case> cases, String setup,
            List<Function<CaseFile.Case, String>> listCommands) throws IOException, InterruptedException {
        String ns = "pkt-" + tool + ProcessHandle.current().pid();
        if (run(List.of("ip", "netns", "add", ns), null).exit != 0) {
            return null;
        }
        try {
            StringBuilder script = new StringBuilder(setup).append('\n');
            for (int i = 0; i < cases.size(); i++) {
                CaseFile.Case c = cases.get(i);
                script.append(tool).append(" -t ").append(c.table()).append(" -A ").append(c.chain()).append(' ')
                        .append(c.rule()).append(" >/dev/null 2>&1; echo \"@@").append(i).append(" $?\"\n");
                for (int k = 0; k < listCommands.size(); k++) {
                    script.append("echo \"@#").append(k).append("\"\n").append(listCommands.get(k).apply(c))
                            .append('\n');
                }
                script.append(tool).append(" -t ").append(c.table()).append(" -F ").append(c.chain()).append('\n');
            }
            Result r = run(List.of("ip", "netns", "exec", ns, "sh", "-s"), script.toString());
            List<Run> runs = new ArrayList<>();
            String[] blocks = r.out.split("(?m)^@@", -1);
            for (int b = 1; b < blocks.length; b++) {
                String[] parts = blocks[b].split("(?m)^@#\\d+\n", -1);
                String[] head = parts[0].lines().findFirst().orElse("").split(" ");
                CaseFile.Case c = cases.get(Integer.parseInt(head[0]));
                List<String> outputs = new ArrayList<>();
                for (int k = 1; k < parts.length; k++) {
                    outputs.add(parts[k]);
                }
                runs.add(new Run(c, head[1].equals("0"), outputs));
            }
            return runs;
        } finally {
            run(List.of("ip", "netns", "del", ns), null);
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(List<String> cmd, String stdin) throws IOException, InterruptedException {
        Path out = Files.createTempFile("oracle", ".out");
        Path err = Files.createTempFile("oracle", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(cmd + " did not finish");
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
