package org.pkttables.control;

import java.util.Map;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;
import org.pkttables.io.health.LoopHeartbeats;

/**
 * The packet loops' heartbeats from io's {@link LoopHeartbeats} service, for the systemd watchdog; none
 * while io has no mode running or is not there. io's package is an optional import: without it
 * {@link #track} throws {@link NoClassDefFoundError}.
 */
final class IoHeartbeats implements Supplier<Map<String, Long>>, AutoCloseable {
    private final ServiceTracker<LoopHeartbeats, LoopHeartbeats> tracker;

    private IoHeartbeats(ServiceTracker<LoopHeartbeats, LoopHeartbeats> tracker) {
        this.tracker = tracker;
    }

    static IoHeartbeats track(BundleContext context) {
        ServiceTracker<LoopHeartbeats, LoopHeartbeats> t = new ServiceTracker<>(context, LoopHeartbeats.class, null);
        t.open();
        return new IoHeartbeats(t);
    }

    @Override
    public Map<String, Long> get() {
        LoopHeartbeats h = tracker.getService();
        return h == null ? Map.of() : h.now();
    }

    @Override
    public void close() {
        tracker.close();
    }
}
