package org.pkttables.tables.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.IntSupplier;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.Target;

/**
 * What warm code allocates on the calling thread, by HotSpot's per-thread allocation counter: the
 * hot-path tests run a round of work {@link #ROUNDS} times twice to warm up, then once more counting
 * the bytes. Tests skip where {@link #available()} is false (a JVM without the counter).
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

    /**
     * Runs {@code round} {@link #ROUNDS} times twice (warm-up), then once more, and measures that last pass.
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
        long before = bean.getThreadAllocatedBytes(tid);
        long counted = pass(round);
        long bytes = bean.getThreadAllocatedBytes(tid) - before;
        return new Measurement(bytes, sink + counted);
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
