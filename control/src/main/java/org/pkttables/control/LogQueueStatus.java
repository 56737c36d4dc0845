package org.pkttables.control;

import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;
import org.pkttables.ext.targets.api.LogRing;

/**
 * The {@code status} line of the LOG target's queue ({@link LogRing}): lines published, dropped because the
 * log backend could not keep up, and the ring's size. ext.targets' package is an optional import: without
 * it {@link #track} throws {@link NoClassDefFoundError}.
 */
final class LogQueueStatus implements Supplier<String>, AutoCloseable {
    private final ServiceTracker<LogRing, LogRing> tracker;

    private LogQueueStatus(ServiceTracker<LogRing, LogRing> tracker) {
        this.tracker = tracker;
    }

    static LogQueueStatus track(BundleContext context) {
        ServiceTracker<LogRing, LogRing> t = new ServiceTracker<>(context, LogRing.class, null);
        t.open();
        return new LogQueueStatus(t);
    }

    /** {@code log queue: 12 lines, 0 dropped, 0 waiting (ring of 4096), 0 lost by slow `log -f' readers, 0 over the rate (1000/s)}, or null without the queue. */
    @Override
    public String get() {
        LogRing r = tracker.getService();
        return r == null ? null : line(r);
    }

    static String line(LogRing r) {
        return "log queue: " + r.published() + " lines, " + r.dropped() + " dropped, " + r.backlog() + " waiting (ring of "
                + r.capacity() + "), " + r.followersMissed() + " lost by slow `log -f' readers, " + r.overRate()
                + " over the rate (" + (r.rate() == 0 ? "no limit" : r.rate() + "/s") + ")";
    }

    @Override
    public void close() {
        tracker.close();
    }
}
