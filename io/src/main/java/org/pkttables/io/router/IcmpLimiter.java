package org.pkttables.io.router;

/**
 * Rate limit for the ICMP errors a worker sends: a token bucket like the kernel's global one
 * ({@code net.ipv4.icmp_msgs_per_sec} 1000, {@code icmp_msgs_burst} 50), so a flood of expiring or
 * unroutable packets cannot make the appliance flood back. One per worker: no shared state.
 */
final class IcmpLimiter {
    private final long intervalNs;
    private final long burstNs;
    private long credit;
    private long last = Long.MIN_VALUE;

    IcmpLimiter(int perSecond, int burst) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("ICMP rate " + perSecond + "/s burst " + burst
                    + ": both must be positive");
        }
        intervalNs = 1_000_000_000L / perSecond;
        burstNs = intervalNs * burst;
        credit = burstNs;
    }

    static IcmpLimiter kernelDefaults() {
        return new IcmpLimiter(1000, 50);
    }

    /** True if one more message may go at {@code now} (and takes its token). */
    boolean allow(long now) {
        if (last != Long.MIN_VALUE) {
            long elapsed = now - last;
            if (elapsed > 0) {
                credit = Math.min(burstNs, credit + elapsed);
            }
        }
        last = now;
        if (credit >= intervalNs) {
            credit -= intervalNs;
            return true;
        }
        return false;
    }
}
