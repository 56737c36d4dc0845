package org.pkttables.ext.targets.impl;

import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.pkttables.ext.targets.api.LogRing;
import org.pkttables.ext.targets.api.LogSink;

/**
 * The LOG target's lines on their way to the log backend: a {@link LogRing} of {@code pkttables.log.queue}
 * lines (default 4096) that the workers publish to without waiting, and one thread that delivers them to
 * the System.Logger {@code org.pkttables.log} (a line it could not keep up with is dropped and counted).
 * At most {@code pkttables.log.rate} lines per second (default 1000, 0 for no limit; a burst of the ring's
 * size) are admitted: under a LOG flood the rest are counted without being formatted, so the workers keep
 * their rate (journald's own default limit is lower still: 10,000 lines per 30 s).
 * The ring is registered as a service: {@code status} shows its drops, a live follower can read it. NFLOG's
 * lines are in the ring for {@code log} only ({@link NflogTargetType#RING_ONLY}), never delivered.
 */
@Component(service = {}, immediate = true)
public final class LogQueue {
    static final int CAPACITY = Integer.getInteger("pkttables.log.queue", 4096);
    /** Lines per second the LOG target may log (0: no limit); more are counted, not formatted. */
    static final int RATE = Integer.getInteger("pkttables.log.rate", 1000);

    private final LogSink backend = new SystemLoggerSink();
    private LogRing ring;
    private Thread delivery;
    private ServiceRegistration<LogRing> registration;

    @Activate
    void activate(BundleContext context) {
        ring = new LogRing(CAPACITY, RATE);
        delivery = new Thread(() -> deliver(ring, backend), "pkttables-log-delivery");
        delivery.setDaemon(true);
        delivery.start();
        registration = context.registerService(LogRing.class, ring, null);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        registration.unregister();
        delivery.interrupt();
        delivery.join(2000);
    }

    /** Takes the ring's lines to {@code backend} until interrupted (then what is left is delivered). */
    static void deliver(LogRing ring, LogSink backend) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                LogRing.Entry e = ring.take(1, TimeUnit.SECONDS);
                if (e != null && e.level() != NflogTargetType.RING_ONLY) {
                    backend.log(e.level(), e.line());
                }
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
        for (LogRing.Entry e; (e = ring.takeNow()) != null;) {
            if (e.level() != NflogTargetType.RING_ONLY) {
                backend.log(e.level(), e.line());
            }
        }
    }
}
