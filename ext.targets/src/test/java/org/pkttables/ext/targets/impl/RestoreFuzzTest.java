package org.pkttables.ext.targets.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.api.ShellWords;
import org.pkttables.tables.testing.Harness;

/**
 * Seeded fuzzing of {@code iptables-restore} / {@code ip6tables-restore} and of the command line: inputs
 * mutated from a corpus of real-world-like saves ({@code src/test/resources/fuzz/restore}, hostile
 * comments included) and random lines. Whatever the input, the frontend answers with an exit status
 * and a message (never an exception); a refused restore or command leaves the ruleset exactly as it
 * was (same save, no commit); an accepted one saves and restores to itself. The budget is fixed for CI
 * ({@code -Dfuzz.iterations=N -Dfuzz.seed=S} to run longer or elsewhere).
 */
class RestoreFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 11L);
    private static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 500);
    private static final List<String> CORPUS = List.of("v4-extensions.rules", "v4-hostile-comments.rules",
            "v4-hostile-comments.saved", "v6-extensions.rules", "s-form.rules");
    /** Words and fragments a mutation splices in: the save format's own syntax and its edge cases. */
    private static final List<String> TOKENS = List.of("\"", "\\", "'", "!", "! ", " ", "\t", "\r", "#", "*", ":",
            "[", "]", "[0:0] ", "[1:", "-A ", "-I ", "-D ", "-R ", "-N ", "-X", "-F", "-Z", "-P ", "-E ", "-L", "-S",
            "-t filter ", "-j ", "-g ", "-m ", "-p tcp ", "-i ", "--comment ", "\"\" ", "\\\"", "COMMIT", "*filter",
            "*mangle", "*nat", ":INPUT ACCEPT [0:0]", ":X - [0:0]", "-j X", "INPUT ", "ACCEPT", "DROP", "RETURN",
            "0", "-1", "65536", "4294967296", "99999999999999999999", "0x", "/", "/33", ",", "-", "--", "\u00e9",
            "\ud83d\ude00", "\u0000", "\u2028", "%", "$(x)", "`", "--dport ", "--log-prefix ", "--string ",
            "--hex-string \"|", "|", "-m comment --comment ", "-j LOG", "-j NFLOG --nflog-prefix ",
            "-m recent --name ", "-m hashlimit --hashlimit-name x --hashlimit-upto ");

    private final Random rnd = new Random(SEED);

    private static String resource(String name) {
        try (InputStream in = RestoreFuzzTest.class.getResourceAsStream("/fuzz/restore/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /fuzz/restore/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String save(Harness h, String tool) {
        Result r = h.run(tool + "-save", "-c");
        assertEquals(0, r.exit(), r.err());
        return r.out().replaceAll("(?m)^#.*\n", "");
    }

    private String token() {
        return TOKENS.get(rnd.nextInt(TOKENS.size()));
    }

    /** One to four mutations of a corpus file: characters, tokens, whole lines. */
    private String mutate(String text) {
        StringBuilder sb = new StringBuilder(text);
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n && sb.length() > 0; k++) {
            int at = rnd.nextInt(sb.length() + 1);
            switch (rnd.nextInt(7)) {
                case 0 -> sb.insert(at, token());
                case 1 -> sb.delete(at, Math.min(sb.length(), at + 1 + rnd.nextInt(12)));
                case 2 -> sb.insert(at, (char) rnd.nextInt(128));
                case 3 -> {
                    if (at < sb.length()) {
                        sb.setCharAt(at, token().charAt(0));
                    }
                }
                case 4 -> {
                    // Duplicate or move a line.
                    List<String> lines = new ArrayList<>(Arrays.asList(sb.toString().split("\n", -1)));
                    int from = rnd.nextInt(lines.size());
                    String line = rnd.nextBoolean() ? lines.get(from) : lines.remove(from);
                    lines.add(rnd.nextInt(lines.size() + 1), line);
                    sb.setLength(0);
                    sb.append(String.join("\n", lines));
                }
                case 5 -> sb.setLength(at); // truncated input
                default -> sb.insert(at, "\n" + randomLine() + "\n");
            }
        }
        return sb.toString();
    }

    private String randomLine() {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(12);
        for (int i = 0; i < n; i++) {
            sb.append(token());
            if (rnd.nextBoolean()) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }

    private static String show(String input) {
        return input.replace("\u0000", "\\0");
    }

    /** The restore's own guarantees for one input: an answer, nothing half-applied, identity when accepted. */
    private boolean restoreOnce(Harness h, String tool, String input, List<String> flags, int iteration) {
        String before = save(h, tool);
        long generation = h.ruleset().generation();
        Result r;
        try {
            r = h.withInput(input, tool + "-restore", flags.toArray(new String[0]));
        } catch (RuntimeException e) {
            throw new AssertionError("iteration " + iteration + ": " + tool + "-restore " + flags + " threw on:\n"
                    + show(input), e);
        }
        if (r.exit() != 0) {
            // 1.8.9's words: its "Bad argument `WORD'" comes without the version prefix, then the line
            assertTrue(r.err().startsWith(tool + "-restore: ") || r.err().startsWith(tool + "-restore v1.8.9 (nf_tables): ")
                    || r.err().startsWith("Bad argument `") && r.err().contains("\nError occurred at line: "),
                    () -> "no clear message: " + r.err());
            assertEquals(generation, h.ruleset().generation(), () -> "a refused restore committed:\n" + show(input));
            assertEquals(before, save(h, tool), () -> "a refused restore changed the ruleset:\n" + show(input));
            return false;
        }
        String after = save(h, tool);
        Harness fresh = AllExtensions.harness();
        Result again = fresh.withInput(h.run(tool + "-save", "-c").out(), tool + "-restore", "-c");
        assertEquals(0, again.exit(), () -> "iteration " + iteration + ": the save of an accepted restore does not"
                + " restore: " + again.err() + "\ninput:\n" + show(input) + "\nsave:\n" + after);
        assertEquals(after, save(fresh, tool), () -> "iteration " + iteration + ": not restored as saved; input:\n"
                + show(input));
        return true;
    }

    /** Each rule line of the input as an iptables command (split as batch mode splits lines). */
    private void commandsOnce(Harness h, String tool, String input, int iteration) {
        for (String line : input.split("\n")) {
            List<String> words;
            try {
                words = ShellWords.split(line);
            } catch (IllegalArgumentException e) {
                continue; // batch mode reports it as a bad line
            }
            long generation = h.ruleset().generation();
            Result r;
            try {
                r = h.run(tool, words.toArray(new String[0]));
            } catch (RuntimeException e) {
                throw new AssertionError("iteration " + iteration + ": " + tool + " threw on " + show(line), e);
            }
            if (r.exit() != 0) {
                // iptables' own words: "iptables: ..." or, for a command line it refuses, "iptables v1.8.9 (nf_tables): ..."
                assertTrue(r.err().startsWith(tool + ": ") || r.err().startsWith(tool + " v1.8.9 (nf_tables): ")
                        || r.err().startsWith("Bad argument `") && r.err().contains("\nTry `" + tool + " -h'"),
                        () -> "no clear message: " + r.err());
                assertEquals(generation, h.ruleset().generation(), () -> "a refused command committed: " + show(line));
            }
        }
    }

    @Test
    void theCorpusRestoresAsIs() {
        for (String name : CORPUS) {
            String tool = name.startsWith("v6") ? "ip6tables" : "iptables";
            Harness h = AllExtensions.harness();
            Result r = h.withInput(resource(name), tool + "-restore", "-c");
            assertEquals(0, r.exit(), () -> name + ": " + r.err());
        }
    }

    @Test
    void mutatedRestoresAnswerCleanlyAndApplyAllOrNothing() {
        List<String> corpus = new ArrayList<>();
        for (String name : CORPUS) {
            corpus.add(resource(name));
        }
        Harness h = null;
        int accepted = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            int c = rnd.nextInt(corpus.size());
            String tool = CORPUS.get(c).startsWith("v6") ? "ip6tables" : "iptables";
            if (i % 40 == 0) {
                h = AllExtensions.harness();
                assertEquals(0, h.withInput(corpus.get(0), "iptables-restore", "-c").exit());
                assertEquals(0, h.withInput(corpus.get(3), "ip6tables-restore", "-c").exit());
            }
            String input = rnd.nextInt(10) == 0 ? randomLine() + "\n" + randomLine() : mutate(corpus.get(c));
            List<String> flags = new ArrayList<>();
            if (rnd.nextInt(3) == 0) {
                flags.add("-c");
            }
            if (rnd.nextInt(5) == 0) {
                flags.add("-n");
            }
            if (rnd.nextInt(10) == 0) {
                flags.add("-T");
                flags.add(rnd.nextBoolean() ? "filter" : "mangle");
            }
            if (restoreOnce(h, tool, input, flags, i)) {
                accepted++;
            }
            if (rnd.nextInt(4) == 0) {
                commandsOnce(h, tool, input, i);
            }
        }
        // Both outcomes must be exercised: mutations too destructive would test nothing past parsing.
        assertTrue(accepted > ITERATIONS / 25 && accepted < ITERATIONS * 9 / 10, "accepted " + accepted);
    }
}
