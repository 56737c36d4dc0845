package org.pkttables.control;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

import org.pkttables.api.CommandFrontend;

/**
 * Puts committed generations into the {@link GenerationHistory}. After a command that committed (the
 * control socket's {@link CommandRouter}, the console's {@link ConsoleDurability}) {@link #committed}
 * queues it and returns at once: a thread of its own takes the ruleset while no commit can happen and
 * records it with the command's {@link Caller}, so a command's answer does not wait for a whole save of
 * the ruleset (a third of a second at 10,000 rules), and paces itself ({@link #PACE}). Commands committed
 * while a recording runs or the thread pauses share the next entry (their command lines joined with {@code ; }, the uid theirs when they all have one, else
 * -1 with every user named). {@code apply}, {@code rollback} and the boot record their own generation
 * ({@link #record}); whoever reads the history first waits for what is queued ({@link #drain}).
 */
final class HistoryRecorder implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.pkttables.control");

    /** Runs a task while no commit can happen (the ruleset's writer lock held). */
    interface Quiesce {
        <T> T run(Callable<T> task) throws Exception;
    }

    /** A commit waiting to be recorded. */
    record Queued(Caller caller, long generation) {
    }

    private final GenerationHistory history;
    private final CommandFrontend frontend;
    private final LongSupplier generation;
    private final Quiesce quiesce;
    /** The in-memory generation the newest entry holds (or a later one): commits up to it are recorded. */
    private volatile long recordedUpTo = -1;
    private volatile boolean enabled;

    /** Guards the queue and the two counters below. */
    private final Object queueLock = new Object();
    private final List<Queued> queue = new ArrayList<>();
    private long queuedCount;
    private long doneCount;
    private boolean closed;
    private Thread worker;
    /** Readers waiting in {@link #drain}: the recording thread does not pace while there are any. */
    private int draining;
    /** When the last recording ended, and the pause before the next ({@link #PACE} times its duration). */
    private long lastEndNanos;
    private long paceNanos;

    /**
     * A recording takes the whole ruleset (a third of a second at 10,000 rules): after one, the thread waits
     * this many times its duration before the next, so a stream of single changes (fail2ban, a script through
     * the shims) costs at most a fifth of one core and shares entries, however large the ruleset.
     */
    static final int PACE = 4;

    HistoryRecorder(GenerationHistory history, CommandFrontend frontend, LongSupplier generation, Quiesce quiesce) {
        this.history = history;
        this.frontend = frontend;
        this.generation = generation;
        this.quiesce = quiesce;
    }

    GenerationHistory history() {
        return history;
    }

    CommandFrontend frontend() {
        return frontend;
    }

    /**
     * Records from now on (after the boot loaded; the config script's lines are not entries of their own),
     * on a thread of its own.
     */
    void enable() {
        synchronized (queueLock) {
            if (worker == null && !closed) {
                worker = new Thread(this::work, "pkttables-history");
                worker.setDaemon(true);
                worker.start();
            }
        }
        enabled = true;
    }

    /** The live ruleset, whole, taken while no commit can happen. */
    RulesetSnapshot snapshot() throws IOException {
        return (RulesetSnapshot) snapshotAt()[0];
    }

    private Object[] snapshotAt() throws IOException {
        try {
            return quiesce.run(() -> new Object[] {RulesetSnapshot.take(frontend), generation.getAsLong()});
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Makes the live ruleset {@code target} ({@link RulesetSnapshot#restore}).
     *
     * @return null when done, else why not (the ruleset is then as it was)
     */
    String snapshotRestore(RulesetSnapshot target) {
        try {
            return target.restore(frontend, snapshot());
        } catch (IOException e) {
            return "cannot take the live ruleset: " + e.getMessage();
        }
    }

    /**
     * Records the live ruleset as made by {@code caller}, now; unless {@code always}, not when it equals
     * the newest entry's. What is queued is recorded first.
     *
     * @return the entry, or null when nothing was recorded
     */
    GenerationHistory.Entry record(Caller caller, boolean always) throws IOException {
        drain();
        return recordNow(caller, always);
    }

    private synchronized GenerationHistory.Entry recordNow(Caller caller, boolean always) throws IOException {
        Object[] s = snapshotAt();
        GenerationHistory.Entry e = history.record(caller, (RulesetSnapshot) s[0], always);
        recordedUpTo = Math.max(recordedUpTo, (Long) s[1]);
        return e;
    }

    /**
     * The recording thread's: takes the ruleset without holding commits back (a whole save of a big
     * ruleset would stall every command meanwhile). Each table is read at one generation; a commit made
     * while the save runs may already be in it, and gets the next entry all the same (only the
     * generation read before the save counts as recorded).
     */
    private synchronized void recordQueued(Caller caller) throws IOException {
        long before = generation.getAsLong();
        RulesetSnapshot rules = RulesetSnapshot.take(frontend);
        history.record(caller, rules, false);
        recordedUpTo = Math.max(recordedUpTo, before);
    }

    /** After {@code caller}'s command left the ruleset at in-memory generation {@code after}: queues it. */
    void committed(Caller caller, long after) {
        if (!enabled || after <= recordedUpTo) {
            return;
        }
        synchronized (queueLock) {
            if (closed) {
                return;
            }
            queue.add(new Queued(caller, after));
            queuedCount++;
            queueLock.notifyAll();
        }
    }

    /** Returns once every commit queued so far is recorded (or the recorder is closed). */
    void drain() {
        synchronized (queueLock) {
            long target = queuedCount;
            draining++;
            queueLock.notifyAll();
            try {
                while (doneCount < target && !closed) {
                    try {
                        queueLock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            } finally {
                draining--;
            }
        }
    }

    private void work() {
        for (;;) {
            List<Queued> batch;
            synchronized (queueLock) {
                while (queue.isEmpty() && !closed) {
                    try {
                        queueLock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (queue.isEmpty()) {
                    return; // closed and nothing left
                }
                // paced: later commits join this batch, unless a reader waits for it
                long until = lastEndNanos + paceNanos;
                for (long left = until - System.nanoTime(); left > 0 && draining == 0 && !closed;
                        left = until - System.nanoTime()) {
                    try {
                        queueLock.wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                batch = new ArrayList<>(queue);
                queue.clear();
            }
            try {
                List<Queued> open = new ArrayList<>();
                for (Queued q : batch) {
                    if (q.generation() > recordedUpTo) {
                        open.add(q);
                    }
                }
                if (!open.isEmpty()) {
                    long start = System.nanoTime();
                    recordQueued(merged(open));
                    long end = System.nanoTime();
                    synchronized (queueLock) {
                        lastEndNanos = end;
                        paceNanos = Math.min(PACE * (end - start), 30_000_000_000L);
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "history: a change is not in the history: " + e.getMessage());
            } finally {
                synchronized (queueLock) {
                    doneCount += batch.size();
                    queueLock.notifyAll();
                }
            }
        }
    }

    /** The callers of commits recorded in one entry, as one. */
    static Caller merged(List<Queued> commits) {
        if (commits.size() == 1) {
            return commits.get(0).caller();
        }
        Set<Long> uids = new LinkedHashSet<>();
        Set<String> users = new LinkedHashSet<>();
        StringBuilder lines = new StringBuilder();
        for (Queued q : commits) {
            uids.add(q.caller().uid());
            users.add(q.caller().user());
            if (lines.length() > 0) {
                lines.append("; ");
            }
            lines.append(q.caller().command());
        }
        if (uids.size() == 1) {
            return new Caller(uids.iterator().next(), commits.get(0).caller().user(), lines.toString());
        }
        return new Caller(-1, String.join(", ", users), lines.toString());
    }

    /** Records what is queued (the appliance stops), then ends the thread. */
    @Override
    public void close() {
        drain();
        synchronized (queueLock) {
            closed = true;
            queueLock.notifyAll();
        }
        Thread w = worker;
        if (w != null) {
            try {
                w.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
