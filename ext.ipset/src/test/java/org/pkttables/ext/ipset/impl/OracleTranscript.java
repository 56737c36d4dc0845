package org.pkttables.ext.ipset.impl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A transcript of the real ipset (src/test/oracle/record.sh): each command with its exit status,
 * standard output and standard error.
 */
final class OracleTranscript {
    record Step(int line, String command, int exit, String out, String err) {
        @Override
        public String toString() {
            return line + ": " + command;
        }
    }

    private OracleTranscript() {
    }

    static List<Step> load(String name) {
        String text;
        try (InputStream in = OracleTranscript.class.getResourceAsStream("/oracle/" + name + ".out")) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded transcript /oracle/" + name + ".out");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Step> steps = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            if (!lines[i].startsWith("### ")) {
                i++;
                continue;
            }
            int at = i + 1;
            String cmd = lines[i].substring(4);
            int exit = Integer.parseInt(lines[i + 1].substring("exit ".length()));
            i += 3; // "--- stdout"
            StringBuilder out = new StringBuilder();
            while (!lines[i].equals("--- stderr")) {
                out.append(lines[i++]).append('\n');
            }
            i++;
            StringBuilder err = new StringBuilder();
            while (i < lines.length && !lines[i].startsWith("### ")) {
                if (i == lines.length - 1 && lines[i].isEmpty()) {
                    break;
                }
                err.append(lines[i++]).append('\n');
            }
            steps.add(new Step(at, cmd, exit, out.toString(), err.toString()));
        }
        return steps;
    }

    /**
     * What may differ without being a difference: the memory size (the kernel's own accounting) and the
     * order of hash members (hash order; the kernel's hash is seeded differently). list:set members keep
     * their order, which is meaningful.
     */
    static String normalize(String text) {
        List<String> out = new ArrayList<>();
        List<String> run = new ArrayList<>();
        boolean inMembers = false;
        boolean ordered = false;
        for (String l : text.split("\n", -1)) {
            l = l.replaceAll("^Size in memory: \\d+$", "Size in memory: N");
            if (l.startsWith("Type: ")) {
                ordered = l.equals("Type: list:set");
            }
            if (l.startsWith("create ")) {
                flush(out, run, ordered);
                ordered = l.split(" ").length > 2 && l.contains(" list:set ");
                out.add(l);
                inMembers = true;
                continue;
            }
            if (l.equals("Members:")) {
                out.add(l);
                inMembers = true;
                continue;
            }
            if (inMembers && !l.isEmpty() && !l.startsWith("Name: ")) {
                run.add(l);
                continue;
            }
            flush(out, run, ordered);
            inMembers = false;
            out.add(l);
        }
        flush(out, run, ordered);
        return String.join("\n", out);
    }

    private static void flush(List<String> out, List<String> run, boolean ordered) {
        if (!ordered) {
            run.sort(null);
        }
        out.addAll(run);
        run.clear();
    }
}
