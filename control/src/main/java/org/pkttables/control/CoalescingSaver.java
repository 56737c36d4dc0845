package org.pkttables.control;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a save after changes, one at a time, folding every request that arrives while one is already
 * queued into it: a restore of 10k rules (10k events) costs one or two writes, not 10k. The save reads
 * the ruleset when it runs, so the last write always holds the latest state.
 */
final class CoalescingSaver implements AutoCloseable {
    private final Runnable save;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pkttables-state-writer");
        t.setDaemon(true);
        return t;
    });

    CoalescingSaver(Runnable save) {
        this.save = save;
    }

    /** Asks for a save soon; returns at once. */
    void request() {
        if (queued.compareAndSet(false, true)) {
            try {
                writer.execute(() -> {
                    // Cleared before saving: a change made during the save queues one more run.
                    queued.set(false);
                    save.run();
                });
            } catch (RejectedExecutionException e) {
                // Closing: the appliance is stopping and close() runs the save already queued.
                queued.set(false);
            }
        }
    }

    /** Finishes the queued save (bounded), then stops. */
    @Override
    public void close() throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
            System.err.println("pkttables: state save still running after 10 s; stopping without it");
            writer.shutdownNow();
        }
    }
}
