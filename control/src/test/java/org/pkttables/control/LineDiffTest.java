package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LineDiff}: the same hunks as GNU {@code diff -u} for a plain change, and for random texts a diff
 * that the real {@code patch} applies to give exactly the second text.
 */
class LineDiffTest {
    @TempDir
    Path dir;

    @Test
    void equalTextsGiveNothing() {
        assertEquals("", LineDiff.unified("a", "x\ny\n", "b", "x\ny\n"));
    }

    @Test
    void aPlainChangeAsDiffU() throws Exception {
        String a = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\n"
                + "-A INPUT -p tcp --dport 22 -j ACCEPT\n-A INPUT -j DROP\nCOMMIT\n";
        String b = a.replace("-A INPUT -p tcp --dport 22 -j ACCEPT\n", "-A INPUT -p tcp --dport 2222 -j ACCEPT\n")
                .replace(":FORWARD ACCEPT", ":FORWARD DROP");
        String mine = LineDiff.unified("old", a, "new", b);
        assertEquals("--- old\n+++ new\n@@ -1,8 +1,8 @@\n *filter\n :INPUT ACCEPT [0:0]\n-:FORWARD ACCEPT [0:0]\n"
                + "+:FORWARD DROP [0:0]\n :OUTPUT ACCEPT [0:0]\n -A INPUT -j ACCEPT\n--A INPUT -p tcp --dport 22 -j ACCEPT\n"
                + "+-A INPUT -p tcp --dport 2222 -j ACCEPT\n -A INPUT -j DROP\n COMMIT\n", mine);
        String real = diffU(a, b);
        if (real != null) {
            assertEquals(real.lines().skip(2).toList(), mine.lines().skip(2).toList(), "as GNU diff -u");
        }
    }

    @Test
    void randomTextsPatchBack() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/patch")), "needs patch (GNU patch)");
        Random r = new Random(16);
        for (int round = 0; round < 60; round++) {
            List<String> a = new ArrayList<>();
            int n = r.nextInt(round < 50 ? 40 : 3000);
            for (int i = 0; i < n; i++) {
                a.add("line " + r.nextInt(round < 50 ? 8 : 100000));
            }
            List<String> b = new ArrayList<>(a);
            int edits = r.nextInt(round < 50 ? 10 : 1500);
            for (int e = 0; e < edits; e++) {
                int at = b.isEmpty() ? 0 : r.nextInt(b.size() + 1);
                switch (r.nextInt(3)) {
                    case 0 -> b.add(at, "new " + r.nextInt(8));
                    case 1 -> { if (at < b.size()) b.remove(at); }
                    default -> { if (at < b.size()) b.set(at, "changed " + r.nextInt(8)); }
                }
            }
            String ta = join(a);
            String tb = join(b);
            String d = LineDiff.unified("a", ta, "b", tb);
            if (ta.equals(tb)) {
                assertEquals("", d);
                continue;
            }
            Path fa = Files.writeString(dir.resolve("a"), ta);
            Path fd = Files.writeString(dir.resolve("d"), d);
            Path out = dir.resolve("out");
            Process p = new ProcessBuilder("patch", "-s", "-o", out.toString(), fa.toString(), fd.toString())
                    .redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), "round " + round + ": patch refused the diff: " + said + "\n" + d);
            assertEquals(tb, Files.readString(out), "round " + round + ": patched back to the second text");
        }
    }

    private static String join(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    private String diffU(String a, String b) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/diff"))) {
            return null;
        }
        Path fa = Files.writeString(dir.resolve("da"), a);
        Path fb = Files.writeString(dir.resolve("db"), b);
        Process p = new ProcessBuilder("diff", "-u", fa.toString(), fb.toString()).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }
}
