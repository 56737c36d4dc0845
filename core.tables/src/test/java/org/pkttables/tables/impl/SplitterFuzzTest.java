package org.pkttables.tables.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.pkttables.api.RulesetException;
import org.pkttables.api.SaveQuoting;
import org.pkttables.api.ShellWords;

/**
 * Seeded fuzzing of the two line splitters: {@link ShellWords} (batch files, config scripts, the shell)
 * and {@link SaveQuoting#split} (restore files). Lines mutated from a small corpus
 * ({@code src/test/resources/fuzz/lines}) and random lines never make either throw anything but its
 * clear error (an unterminated quote); and whatever words a line gives, quoting them again gives a
 * line that splits back to exactly those words. {@code -Dfuzz.iterations=N -Dfuzz.seed=S} run longer.
 */
class SplitterFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 11L);
    private static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 20_000);
    private static final String SPECIALS = "\"'\\ \t\r\f\u000b$#!`*?[]{}()|&;<>~=%,:/-\u0000\u00e9\u00a0\u2028\u65e5";

    private final Random rnd = new Random(SEED);

    private static List<String> corpus() {
        List<String> lines = new ArrayList<>();
        for (String name : List.of("batch.txt", "save-lines.txt")) {
            try (InputStream in = SplitterFuzzTest.class.getResourceAsStream("/fuzz/lines/" + name)) {
                if (in == null) {
                    throw new IllegalArgumentException("no test resource /fuzz/lines/" + name);
                }
                lines.addAll(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    private String line(List<String> corpus) {
        StringBuilder sb;
        if (rnd.nextInt(5) == 0) {
            sb = new StringBuilder();
            int n = rnd.nextInt(30);
            for (int i = 0; i < n; i++) {
                sb.append(rnd.nextBoolean() ? SPECIALS.charAt(rnd.nextInt(SPECIALS.length())) : (char) ('a' + rnd.nextInt(26)));
            }
            return sb.toString();
        }
        sb = new StringBuilder(corpus.get(rnd.nextInt(corpus.size())));
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            int at = rnd.nextInt(sb.length() + 1);
            switch (rnd.nextInt(4)) {
                case 0 -> sb.insert(at, SPECIALS.charAt(rnd.nextInt(SPECIALS.length())));
                case 1 -> sb.delete(at, Math.min(sb.length(), at + 1 + rnd.nextInt(6)));
                case 2 -> sb.insert(at, (char) rnd.nextInt(0x3000));
                default -> sb.setLength(at);
            }
        }
        return sb.toString();
    }

    /** A POSIX shell word for {@code w}: single-quoted, each {@code '} as {@code '\''}. */
    private static String shellQuote(String w) {
        return "'" + w.replace("'", "'\\''") + "'";
    }

    @Test
    void shellWordsThrowsOnlyItsErrorAndReadsBackItsQuoting() {
        List<String> corpus = corpus();
        int split = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            String line = line(corpus);
            List<String> words;
            try {
                words = ShellWords.split(line);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().startsWith("unterminated"), e.getMessage());
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("ShellWords threw on " + line.replace("\u0000", "\\0"), e);
            }
            split++;
            List<String> quoted = new ArrayList<>();
            for (String w : words) {
                quoted.add(shellQuote(w));
            }
            assertEquals(words, ShellWords.split(String.join(" ", quoted)), line);
        }
        assertTrue(split > ITERATIONS / 2, "split " + split);
    }

    @Test
    void restoreSplitterThrowsOnlyItsErrorAndReadsBackSaveQuoting() throws RulesetException {
        List<String> corpus = corpus();
        int split = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            String line = SaveQuoting.strip(line(corpus).replace("\n", " "));
            List<String> words;
            try {
                words = SaveQuoting.split(line);
            } catch (RulesetException e) {
                assertTrue(e.getMessage().startsWith("unterminated \" quote"), e.getMessage());
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("SaveQuoting.split threw on " + line.replace("\u0000", "\\0"), e);
            }
            split++;
            List<String> quoted = new ArrayList<>();
            for (String w : words) {
                if (SaveQuoting.unsavable(w) == null) {
                    quoted.add(SaveQuoting.quote(w));
                }
            }
            List<String> kept = words.stream().filter(w -> SaveQuoting.unsavable(w) == null).toList();
            assertEquals(kept, SaveQuoting.split(String.join(" ", quoted)), line);
            // A word that needs no quotes reads back unquoted too, as an interface name does.
            for (String w : kept) {
                if (SaveQuoting.plain(w)) {
                    assertEquals(List.of(w), SaveQuoting.split(w));
                }
            }
        }
        assertTrue(split > ITERATIONS / 2, "split " + split);
    }
}
