package org.pkttables.control;

import java.io.IOException;

/**
 * Writes the state after changes on one writer thread, folding every request that arrives while a save
 * is queued or running into the next one (a restore of 10k rules, 10k events, costs one or two writes),
 * and lets a command wait until its change is on disk (group commit): {@link #await} returns once a save
 * that began after the command's commit has completed, so every command acknowledged together shares one
 * write and one fsync. The save reads the ruleset when it runs, so the last write always holds the
 * latest state.
 */
final class CoalescingSaver implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.pkttables.control");
    /** One save of the whole state. */
    interface Save {
        /**
         * Writes the current state durably (file and directory synced).
         *
         * @return the ruleset generation read before the state was read: the save covers it
         * @throws IOException when the state could not be written
         */
        long save() throws IOException;
    }

    private final Save save;
    private final Thread writer;
    /** Guarded by this: a save is wanted. */
    private boolean dirty;
    private boolean closing;
    /** Guarded by this: saves begun and ended so far. */
    private long started;
    private long finished;
    /** Guarded by this: the highest generation known to be on disk. */
    private long durable = Long.MIN_VALUE;
    /** Guarded by this: why the last save failed, or null when it succeeded. */
    private IOException failure;

    CoalescingSaver(Save save) {
        this.save = save;
        this.writer = new Thread(this::writeLoop, "pkttables-state-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Asks for a save soon; returns at once (called under the ruleset's commit, so it never blocks). */
    synchronized void request() {
        // Only the first request of a batch wakes the writer (a restore of 100k rules asks 100k times).
        if (!closing && !dirty) {
            dirty = true;
            notifyAll();
        }
    }

    /**
     * Returns once {@code generation} is on disk: at once when a completed save already covers it, else as
     * soon as a save covers it -- the one running now when it read the state after the commit (a big
     * restore's first event starts a save that waits for the commit to end, then takes all of it), or the
     * next one, which begins from now on and shares its write with every command waiting meanwhile.
     *
     * @throws IOException when the save begun for this call failed (the change is committed but not
     *                     durable), or the saver is closed
     */
    synchronized void await(long generation) throws IOException, InterruptedException {
        if (durable >= generation) {
            return;
        }
        if (closing) {
            throw new IOException("the appliance is stopping; the change may not be saved");
        }
        long needed = started + 1;
        dirty = true;
        notifyAll();
        while (durable < generation) {
            if (finished >= needed) {
                throw failure != null ? new IOException(failure.getMessage(), failure)
                        : new IOException("generation " + generation + " not covered by the last save");
            }
            if (closing && !writer.isAlive()) {
                throw new IOException("the appliance stopped before the change was saved");
            }
            wait(1000);
        }
    }

    private void writeLoop() {
        while (true) {
            synchronized (this) {
                while (!dirty && !closing) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        closing = true;
                    }
                }
                if (!dirty) {
                    notifyAll();
                    return;
                }
                // Cleared before saving: a change made during the save asks for one more run.
                dirty = false;
                started++;
            }
            long covered = Long.MIN_VALUE;
            IOException failed = null;
            try {
                covered = save.save();
            } catch (IOException e) {
                failed = e;
            } catch (RuntimeException e) {
                failed = new IOException("state save failed: " + e, e);
            }
            synchronized (this) {
                finished++;
                failure = failed;
                if (failed == null) {
                    durable = Math.max(durable, covered);
                }
                notifyAll();
            }
        }
    }

    /** Finishes the save asked for so far (bounded), then stops; later requests are ignored. */
    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            closing = true;
            notifyAll();
        }
        writer.join(10_000);
        if (writer.isAlive()) {
            LOG.log(System.Logger.Level.ERROR, "state save still running after 10 s; stopping without it");
            writer.interrupt();
        }
    }
}
