package org.pkttables.control;

/**
 * Log lines about clients, at most one a second: a flood of bad connections must not flood the log.
 * The lines held back are counted in the next one.
 */
final class RateLimitedLog {
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final String prefix;
    private final System.Logger out;
    private long last = System.nanoTime() - INTERVAL_NANOS;
    private long suppressed;

    RateLimitedLog(String prefix, System.Logger out) {
        this.prefix = prefix;
        this.out = out;
    }

    synchronized void say(String line) {
        long now = System.nanoTime();
        if (now - last < INTERVAL_NANOS) {
            suppressed++;
            return;
        }
        last = now;
        out.log(System.Logger.Level.WARNING, prefix + line + (suppressed == 0 ? "" : " (and " + suppressed + " more since the last line)"));
        suppressed = 0;
    }
}
