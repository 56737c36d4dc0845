package org.pkttables.io.workers;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Which worker takes the flows that hash to each worker: itself, or, while it is stuck (see
 * {@link Watchdog}), the next worker that is not. Both directions of a flow hash to the same worker,
 * so they still meet on one. Read by the capture threads per frame (a plain load on x86), changed by
 * the watchdog.
 */
public final class Steering {
    private final AtomicIntegerArray to;
    private final boolean[] stuck;

    private Steering(int workers) {
        to = new AtomicIntegerArray(workers);
        stuck = new boolean[workers];
        for (int w = 0; w < workers; w++) {
            to.set(w, w);
        }
    }

    public static Steering identity(int workers) {
        return new Steering(workers);
    }

    public int to(int worker) {
        return to.get(worker);
    }

    /** Worker {@code w} got stuck (true) or moves again (false). */
    public synchronized void stuck(int w, boolean isStuck) {
        stuck[w] = isStuck;
        int n = stuck.length;
        for (int i = 0; i < n; i++) {
            int target = i;
            if (stuck[i]) {
                for (int k = 1; k < n; k++) {
                    if (!stuck[(i + k) % n]) {
                        target = (i + k) % n;
                        break;
                    }
                }
            }
            to.set(i, target);
        }
    }
}
