package org.pkttables.tables.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.IntSupplier;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.Target;

/**
 * What warm code allocates on the calling thread, by HotSpot's per-thread allocation counter: the
 * hot-path tests run a round of work {@link #ROUNDS} times twice to warm up, then again counting the
 * bytes ({@link #measure}: the steady state). Tests skip where {@link #available()} is false (a JVM without the counter).
 */
public final class AllocationMeter {
    /** How many rounds one pass runs. */
    public static final int ROUNDS = 20_000;

    /** The bytes a counted pass allocated, and the sum of its rounds' results (kept so the JIT cannot drop the work). */
    public record Measurement(long bytes, long sink) {
        @Override
        public String toString() {
            return bytes + " bytes allocated (sink " + sink + ")";
        }
    }

    private AllocationMeter() {
    }

    /** Whether this JVM counts allocation per thread. */
    public static boolean available() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean;
    }

    /** Counted passes at most: on a loaded machine the JIT may not have compiled the path after the warm-up. */
    static final int MAX_COUNTED = 5;
    /** A counted pass below this many bytes ends the measurement (no hot path's bound is lower). */
    static final long STEADY = 256;

    /**
     * Runs {@code round} {@link #ROUNDS} times twice (warm-up), then counts the bytes of further passes of
     * {@link #ROUNDS} rounds until one stays below {@value #STEADY} bytes or {@value #MAX_COUNTED} were
     * counted, and returns the smallest: the steady state. Code that allocates per round allocates in every
     * pass (at least {@link #ROUNDS} times a few bytes); what only the interpreter or a not yet compiled
     * method allocates, on a machine whose compiler threads lag behind, is gone in a later pass.
     *
     * @throws IllegalStateException where the JVM has no per-thread allocation counter (check {@link #available()})
     */
    public static Measurement measure(IntSupplier round) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!(mx instanceof com.sun.management.ThreadMXBean bean)) {
            throw new IllegalStateException("this JVM has no per-thread allocation counter");
        }
        long tid = Thread.currentThread().getId();
        long sink = pass(round);
        sink += pass(round);
        long least = Long.MAX_VALUE;
        for (int i = 0; i < MAX_COUNTED && least >= STEADY; i++) {
            long before = bean.getThreadAllocatedBytes(tid);
            sink += pass(round);
            least = Math.min(least, bean.getThreadAllocatedBytes(tid) - before);
        }
        return new Measurement(least, sink);
    }

    /** One round: every match evaluated on every packet; the result counts the matches. */
    public static IntSupplier matching(Match[] ms, PacketContext... ps) {
        return () -> {
            int n = 0;
            for (PacketContext p : ps) {
                for (Match m : ms) {
                    n += m.matches(p) ? 1 : 0;
                }
            }
            return n;
        };
    }

    /** One round: every target applied to every packet; the result sums their verdicts. */
    public static IntSupplier applying(Target[] ts, PacketContext... ps) {
        return () -> {
            int n = 0;
            for (PacketContext p : ps) {
                for (Target t : ts) {
                    n += t.apply(p);
                }
            }
            return n;
        };
    }

    private static long pass(IntSupplier round) {
        long n = 0;
        for (int r = 0; r < ROUNDS; r++) {
            n += round.getAsInt();
        }
        return n;
    }
}
