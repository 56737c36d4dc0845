package org.pkttables.l3.arp.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.pkttables.tables.testing.CaseFile;

/**
 * Re-checks the recorded arptables target case files against the real arptables (arptables-nft 1.8.9) in a
 * network namespace of its own: every case is added with the real tool and listed with -S; accepted or
 * refused and the listing must be what the file says (the file pkttables itself is tested against). Needs
 * root and arptables; skipped otherwise.
 */
class RealArptablesOracleTest {
    @Test
    void caseFilesStillSayWhatTheRealToolDoes() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for a network namespace");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/arptables")) || Files.isExecutable(Path.of("/sbin/arptables")),
                "needs the real arptables");
        List<CaseFile.Case> cases = new ArrayList<>();
        for (String f : ArpTargetCasesConformanceTest.FILES) {
            {
                cases.addAll(CaseFile.load(RealArptablesOracleTest.class, f));
            }
        }
        String ns = "pkt-arpt" + ProcessHandle.current().pid();
        assumeTrue(run(List.of("ip", "netns", "add", ns), null).exit == 0, "cannot create a network namespace");
        try {
            StringBuilder script = new StringBuilder();
            for (int i = 0; i < cases.size(); i++) {
                CaseFile.Case c = cases.get(i);
                script.append("arptables -t ").append(c.table()).append(" -A ").append(c.chain()).append(' ')
                        .append(c.rule()).append(" >/dev/null 2>&1; echo \"@@").append(i).append(" $?\"\n")
                        .append("arptables -t ").append(c.table()).append(" -S ").append(c.chain())
                        .append('\n').append("arptables -t ").append(c.table()).append(" -F ").append(c.chain())
                        .append('\n');
            }
            Result r = run(List.of("ip", "netns", "exec", ns, "sh", "-s"), script.toString());
            List<String> mismatches = new ArrayList<>();
            String[] blocks = r.out.split("@@", -1);
            for (int b = 1; b < blocks.length; b++) {
                List<String> lines = blocks[b].lines().toList();
                String[] head = lines.get(0).split(" ");
                CaseFile.Case c = cases.get(Integer.parseInt(head[0]));
                boolean accepted = head[1].equals("0");
                String prefix = "-A " + c.chain() + " ";
                List<String> listed = lines.subList(1, lines.size()).stream().filter(l -> l.startsWith(prefix))
                        .map(l -> l.substring(prefix.length())).collect(Collectors.toList());
                if (accepted != c.ok() || (c.ok() && !listed.equals(List.of(c.expected())))) {
                    mismatches.add(c + ": real tool " + (accepted ? "lists " + listed : "refuses it"));
                }
            }
            assertEquals(cases.size() + 1, blocks.length, "every case ran: " + r.err);
            assertEquals(List.of(), mismatches);
        } finally {
            run(List.of("ip", "netns", "del", ns), null);
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(List<String> cmd, String stdin) throws IOException, InterruptedException {
        Path out = Files.createTempFile("arpt", ".out");
        Path err = Files.createTempFile("arpt", ".err");
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
