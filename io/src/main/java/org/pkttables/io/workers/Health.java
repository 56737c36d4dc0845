package org.pkttables.io.workers;

import java.util.IdentityHashMap;
import java.util.Map;

import org.pkttables.api.ExtensionFault;
import org.pkttables.api.Ruleset;

/**
 * The lines under the {@code workers} table about threads that had trouble: restarts and their last
 * error, stuck loops and where they are, and each worker's latest packet fault. Nothing when all is well.
 */
public final class Health {
    private Health() {
    }

    public static String of(Worker[] workers, Capture[] captures, Ruleset ruleset) {
        StringBuilder sb = new StringBuilder();
        long now = System.nanoTime();
        Map<Liveness, Boolean> seen = new IdentityHashMap<>();
        for (Worker w : workers) {
            line(sb, w.life, seen, now);
            if (w.faults() > 0) {
                ExtensionFault f = ruleset.lastFault(w.index);
                if (f != null) {
                    sb.append("worker ").append(w.index).append(": last fault: ").append(f.where()).append(": ")
                            .append(f.extension()).append(" threw ").append(f.error()).append('\n');
                }
            }
        }
        for (Capture c : captures) {
            if (c != null) {
                line(sb, c.life, seen, now);
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, Liveness l, Map<Liveness, Boolean> seen, long now) {
        if (seen.put(l, Boolean.TRUE) == null) {
            String h = l.health(now);
            if (h != null) {
                sb.append(h).append('\n');
            }
        }
    }
}
