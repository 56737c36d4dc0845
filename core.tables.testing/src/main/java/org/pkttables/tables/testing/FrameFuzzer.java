package org.pkttables.tables.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/**
 * A seeded mutation fuzzer for packet parsers and matches: frames from a corpus, mutated (bit flips,
 * interesting values in bytes and 16-bit length fields, cuts, growths, inserted and deleted bytes,
 * splices), each run by a target that parses it and reports what it saw as a string.
 *
 * <p>{@link #check} runs the target on the same frame three times, placed at different offsets of
 * larger buffers filled with different bytes around it (0x00, 0xff, random). A target that reads
 * outside the frame (past its end or before its start), for instance through {@link PacketContext#buffer()}
 * without a bound, sees different bytes and reports differently: that is a failure naming the frame. An
 * exception escaping the target is a failure too. So the target must report only what depends on the
 * frame (no stateful matches in the report).
 *
 * <p>The budget is fixed (seed and iterations), so a test is deterministic and quick in CI;
 * {@code -Dpkttables.fuzz.iterations=N} and {@code -Dpkttables.fuzz.seed=S} run it longer or elsewhere.
 *
 * @since 1.3.0
 */
public final class FrameFuzzer {
    /** System property: iterations per fuzz test (default: the test's own budget). */
    public static final String ITERATIONS = "pkttables.fuzz.iterations";
    /** System property: the seed (default: the test's own seed). */
    public static final String SEED = "pkttables.fuzz.seed";

    private static final int[] INTERESTING8 = { 0, 1, 2, 4, 5, 6, 8, 0x0f, 0x10, 0x11, 0x20, 0x2c, 0x3a, 0x3b, 0x3c,
        0x40, 0x45, 0x4f, 0x60, 0x7f, 0x80, 0x84, 0xfe, 0xff };
    private static final int[] INTERESTING16 = { 0, 1, 7, 8, 0x14, 0x28, 0x3c, 0x7fff, 0x8000, 0xfffe, 0xffff,
        0x0800, 0x86dd, 0x0806, 0x8100, 0x88a8, 0x2000, 0x1fff, 0x0001 };

    private final Random rnd;
    private final List<byte[]> corpus;

    public FrameFuzzer(long seed, List<byte[]> corpus) {
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException("empty fuzz corpus");
        }
        this.rnd = new Random(Long.getLong(SEED, seed));
        this.corpus = corpus;
    }

    /** The iterations to run: {@code -Dpkttables.fuzz.iterations}, else {@code dflt}. */
    public static int iterations(int dflt) {
        return Integer.getInteger(ITERATIONS, dflt);
    }

    /**
     * Reads a corpus: one frame per line in hex (spaces allowed), blank lines and lines starting with
     * {@code #} skipped.
     */
    public static List<byte[]> corpus(InputStream in) {
        if (in == null) {
            throw new IllegalArgumentException("fuzz corpus not found");
        }
        List<byte[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String t = line.replace(" ", "").trim();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                if (t.length() % 2 != 0 || !t.matches("[0-9a-fA-F]+")) {
                    throw new IllegalArgumentException("fuzz corpus line " + n + ": not an even number of hex digits");
                }
                byte[] b = new byte[t.length() / 2];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) Integer.parseInt(t.substring(2 * i, 2 * i + 2), 16);
                }
                out.add(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The next frame: a corpus frame as it is (one time in 16) or with one to four mutations. */
    public byte[] next() {
        byte[] f = corpus.get(rnd.nextInt(corpus.size())).clone();
        if (rnd.nextInt(16) == 0) {
            return f;
        }
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            f = mutate(f);
        }
        return f;
    }

    private byte[] mutate(byte[] f) {
        int len = f.length;
        switch (rnd.nextInt(9)) {
            case 0:
                if (len > 0) {
                    f[rnd.nextInt(len)] ^= (byte) (1 << rnd.nextInt(8));
                }
                return f;
            case 1:
                if (len > 0) {
                    f[rnd.nextInt(len)] = (byte) INTERESTING8[rnd.nextInt(INTERESTING8.length)];
                }
                return f;
            case 2:
                if (len > 1) {
                    int at = rnd.nextInt(len - 1);
                    int v = INTERESTING16[rnd.nextInt(INTERESTING16.length)];
                    f[at] = (byte) (v >>> 8);
                    f[at + 1] = (byte) v;
                }
                return f;
            case 3:
                return Arrays.copyOf(f, len == 0 ? 0 : rnd.nextInt(len));
            case 4: {
                byte[] g = Arrays.copyOf(f, len + 1 + rnd.nextInt(64));
                for (int i = len; i < g.length; i++) {
                    g[i] = (byte) rnd.nextInt(256);
                }
                return g;
            }
            case 5: {
                int at = rnd.nextInt(len + 1);
                int k = 1 + rnd.nextInt(8);
                byte[] g = new byte[len + k];
                System.arraycopy(f, 0, g, 0, at);
                for (int i = 0; i < k; i++) {
                    g[at + i] = (byte) rnd.nextInt(256);
                }
                System.arraycopy(f, at, g, at + k, len - at);
                return g;
            }
            case 6: {
                if (len == 0) {
                    return f;
                }
                int at = rnd.nextInt(len);
                int k = Math.min(len - at, 1 + rnd.nextInt(8));
                byte[] g = new byte[len - k];
                System.arraycopy(f, 0, g, 0, at);
                System.arraycopy(f, at + k, g, at, len - at - k);
                return g;
            }
            case 7: {
                byte[] o = corpus.get(rnd.nextInt(corpus.size()));
                if (len == 0 || o.length == 0) {
                    return f;
                }
                int at = rnd.nextInt(len);
                int from = rnd.nextInt(o.length);
                int k = Math.min(len - at, Math.min(o.length - from, 1 + rnd.nextInt(32)));
                System.arraycopy(o, from, f, at, k);
                return f;
            }
            default:
                if (len > 0) {
                    f[rnd.nextInt(len)] = (byte) rnd.nextInt(256);
                }
                return f;
        }
    }

    /**
     * Runs {@code target} over {@code frame} placed in three differently filled buffers; fails when it
     * throws or when its reports differ (it read outside the frame). Returns the report.
     *
     * @param what names the run in a failure message (test, iteration)
     */
    public static String check(String what, byte[] frame, Function<PacketContext, String> target) {
        String first = null;
        for (int variant = 0; variant < 3; variant++) {
            int before = variant * 7;
            byte[] buf = new byte[before + frame.length + 96];
            Random fill = new Random(variant * 31L + frame.length);
            for (int i = 0; i < buf.length; i++) {
                buf[i] = variant == 0 ? 0 : variant == 1 ? (byte) 0xff : (byte) fill.nextInt(256);
            }
            System.arraycopy(frame, 0, buf, before, frame.length);
            PacketContext p = new PacketContext(0).reset(buf, before, frame.length);
            String report;
            try {
                report = target.apply(p);
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError(what + ": " + e + " escaped on frame " + hex(frame), e);
            }
            if (first == null) {
                first = report;
            } else if (!first.equals(report)) {
                throw new AssertionError(what + ": the result depends on bytes outside the frame (a read past its"
                        + " bounds) on frame " + hex(frame) + "\n  " + first + "\n  " + report);
            }
        }
        return first;
    }

    /**
     * Runs the next {@code n} frames through {@link #check}, each set up by {@code parse} (as the L3 handler
     * under test does; true when the frame parsed) and then given to every one of {@code matches}; the
     * report is whether it parsed, {@code detail} of the context and each match's answer. Returns how many
     * frames parsed.
     */
    public int parseAndMatch(int n, Predicate<PacketContext> parse, ToIntFunction<PacketContext> detail,
            List<Match> matches) {
        int parsed = 0;
        for (int i = 0; i < n; i++) {
            String r = check("iteration " + i, next(), p -> {
                boolean ok = parse.test(p);
                StringBuilder s = new StringBuilder(ok ? "ok " : "bad ").append(detail.applyAsInt(p)).append(' ');
                for (Match m : matches) {
                    s.append(m.matches(p) ? '1' : '0');
                }
                return s.toString();
            });
            parsed += r.startsWith("ok") ? 1 : 0;
        }
        return parsed;
    }

    public static String hex(byte[] b) {
        StringBuilder s = new StringBuilder(b.length * 2);
        for (byte x : b) {
            s.append(Character.forDigit(x >>> 4 & 15, 16)).append(Character.forDigit(x & 15, 16));
        }
        return s.toString();
    }
}
