package org.pkttables.io.workers;

import org.pkttables.io.ports.Counters;

/**
 * The health of one supervised thread (a worker, a capture): a heartbeat its loop advances on every turn
 * (a single-writer opaque counter: free on the hot path), why its last thread ended, how often it was
 * restarted, and whether the {@link Watchdog} finds it stuck. The loop turns at least every ~10 ms even
 * when idle (poll and park time out), so a heartbeat that does not move for seconds means stuck.
 */
public final class Liveness {
    public final String name;
    private final Counters beat = new Counters(1);
    private volatile Throwable lastError;
    private volatile long restarts;
    /** System.nanoTime() since when it is stuck, or 0. */
    private volatile long stuckSince;
    private volatile String stuckAt;

    public Liveness(String name) {
        this.name = name;
    }

    /** Owner thread only: one turn of its loop. */
    void beat() {
        beat.inc(0);
    }

    long beats() {
        return beat.get(0);
    }

    /** Owner thread: its loop ended because of {@code t}. */
    public void failed(Throwable t) {
        lastError = t;
    }

    Throwable lastError() {
        return lastError;
    }

    void restarted() {
        restarts++;
    }

    public long restarts() {
        return restarts;
    }

    public void stuck(long since, String at) {
        stuckAt = at;
        stuckSince = since;
    }

    void unstuck() {
        stuckSince = 0;
        stuckAt = null;
    }

    boolean isStuck() {
        return stuckSince != 0;
    }

    /** One line for {@code workers}, or null when there is nothing to say. */
    String health(long now) {
        Throwable e = lastError;
        long since = stuckSince;
        if (e == null && since == 0 && restarts == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder(name).append(": ");
        if (since != 0) {
            sb.append("STUCK for ").append((now - since) / 1_000_000_000L).append(" s");
            String at = stuckAt;
            if (at != null) {
                sb.append(" at ").append(at);
            }
            sb.append("; ");
        }
        sb.append("restarts ").append(restarts);
        if (e != null) {
            sb.append(", last error: ").append(e);
        }
        return sb.toString();
    }
}
