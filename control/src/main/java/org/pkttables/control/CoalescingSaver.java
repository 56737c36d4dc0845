package org.pkttables.control;

import java.io.IOException;

/**
 * Writes the state after changes, one save at a time, folding every request that arrives while a save is
 * queued or running into the next one (a restore of 10k rules, 10k events, costs one or two writes), and
 * lets a command wait until its change is on disk (group commit): {@link #await} returns once a save that
 * read the command's generation or a later one has completed, so every command acknowledged together
 * shares one write and one fsync. The save reads the ruleset when it runs, so the last write always holds
 * the latest state.
 *
 * <p><b>Who writes.</b> A command that waits for its change runs the save itself when none is running
 * (it leads the group commit: no hand-off to another thread and back, two thread wake-ups per change that
 * cost more than the fsync on a busy machine); commands that arrive while it writes wait for it and, when
 * it did not cover them, one of them leads the next. Changes nobody waits for (a console command that
 * does not wait, a timer) are saved by the writer thread, which leaves {@link #LINGER_MILLIS} to a
 * command about to wait before it writes them itself.
 */
final class CoalescingSaver implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.pkttables.control");
    /** How long the writer thread leaves a requested save to a command that will wait for it. */
    static final long LINGER_MILLIS = 5;

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
    /** Guarded by this: a save is running (on the writer thread or a waiting command's). */
    private boolean writing;
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
     * Returns once {@code generation} is on disk: at once when a completed save already covers it, else
     * after a save that covers it (the one running, when it read the generation, else the next, which
     * this thread runs when no other does, sharing its write with every command waiting meanwhile).
     *
     * @throws IOException when a save that began after this call failed (the change is committed but not
     *                     durable), or the saver is closed
     */
    void await(long generation) throws IOException, InterruptedException {
        long needed;
        synchronized (this) {
            if (durable >= generation) {
                return;
            }
            if (closing) {
                throw new IOException("the appliance is stopping; the change may not be saved");
            }
            // A save that begins from now on reads this generation (it was committed before this call).
            needed = started + 1;
        }
        while (true) {
            synchronized (this) {
                while (true) {
                    if (durable >= generation) {
                        return;
                    }
                    if (finished >= needed) {
                        throw failure != null ? new IOException(failure.getMessage(), failure)
                                : new IOException("generation " + generation + " not covered by the last save");
                    }
                    if (!writing) {
                        if (closing) {
                            throw new IOException("the appliance stopped before the change was saved");
                        }
                        begin();
                        break;
                    }
                    wait(1000);
                }
            }
            runSave();
        }
    }

    /** Guarded by this: marks a save as running; what is requested from now on needs another. */
    private void begin() {
        writing = true;
        dirty = false;
        started++;
    }

    /** Runs one save begun with {@link #begin}, then wakes the waiters. */
    private void runSave() {
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
            writing = false;
            notifyAll();
        }
    }

    private void writeLoop() {
        while (true) {
            synchronized (this) {
                try {
                    while (!closing && !(dirty && !writing)) {
                        wait();
                    }
                    // A command that waits for this change leads its save: leave it the chance.
                    long until = System.nanoTime() + LINGER_MILLIS * 1_000_000;
                    for (long left = LINGER_MILLIS; !closing && dirty && left > 0;
                            left = (until - System.nanoTime()) / 1_000_000) {
                        wait(left);
                    }
                    while (writing) {
                        wait();
                    }
                } catch (InterruptedException e) {
                    closing = true;
                    while (writing) {
                        try {
                            wait(100);
                        } catch (InterruptedException again) {
                            // closing anyway: wait for the running save to end
                        }
                    }
                }
                if (!dirty) {
                    if (closing) {
                        notifyAll();
                        return;
                    }
                    continue;
                }
                begin();
            }
            runSave();
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
