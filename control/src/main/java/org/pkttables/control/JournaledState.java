package org.pkttables.control;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

import org.pkttables.api.CommandFrontend;
import org.pkttables.api.Family;
import org.pkttables.api.RulesetEvent;

/**
 * The durable state as a checkpoint plus a journal, so that acknowledging a change costs one small append
 * and fsync whatever the size of the ruleset.
 *
 * <p><b>What a journal record holds.</b> The ruleset events of one committed generation, as the core
 * announces them (rule added at position P with its save text, deleted at P, chain added, policy, flush,
 * table reset ...), not the command that caused them: they come from every source (socket, console,
 * config), in commit order, and say exactly what changed in the save form, so redoing them at boot
 * ({@link JournalRedo}: {@code -I CHAIN P RULE} … through {@code iptables-restore --noflush}) on the state
 * they were made on gives that commit's state, however the command was spelled. Recording whole tables
 * instead would cost a 50,000-rule save again per change; recording commands would need their ordering
 * against concurrent commits and their inputs.
 *
 * <p><b>Checkpoint and journal.</b> A checkpoint writes every family's file ({@link StateStore}) with a
 * first line {@code # pkttables checkpoint run=R gen=G} (a comment to {@code *-restore}): the file is the
 * state at generation G of run R (a run is one start; generations restart with it, runs only grow). The
 * state is read between two moments when no commit can happen ({@link Quiesce}) that see the same
 * generation (or, when commits keep overtaking it, while none can), so it is exactly generation G. At boot each
 * file is loaded and then every journal record not covered by its marker (earlier run, or same run and
 * generation at most G) is redone for that family, in journal order; a torn last record (crash while
 * appending: never acknowledged) is ignored; a record that does not redo, a damaged journal, or records
 * for a family whose file cannot take them (missing, loaded from its last good copy, or without a marker)
 * fail the boot closed or, for the last two, are reported in {@code status}. A checkpoint is durable
 * (files fsynced and renamed, directory synced) before the journal is cut to the records after it.
 *
 * <p><b>When.</b> The first save of a run is a checkpoint (so the journal never mixes a state loaded from a
 * config script with records made on the files). After that a group commit appends the records of all
 * commits so far and fsyncs once; a commit the journal cannot redo (another family) makes that group
 * commit a checkpoint instead. Checkpoints otherwise run in the background: once the journal has grown by
 * {@link #CHECKPOINT_BYTES}, or a second after the last append; acknowledgements never wait for them
 * (commits wait while the state is read, not while it is written).
 */
final class JournaledState {
    private static final System.Logger LOG = System.getLogger("org.pkttables.control");
    static final long CHECKPOINT_BYTES = 16L << 20;
    static final long QUIET_MILLIS = 1000;

    /** Runs a task while no commit can happen (so the generation and every announced event are stable). */
    interface Quiesce {
        <T> T call(Callable<T> task) throws Exception;
    }

    private final StateStore store;
    private final CommandFrontend frontend;
    private final LongSupplier generation;
    private final Quiesce quiesce;
    private final Journal journal;
    private final long run;

    /** Guarded by this: events of journalable commits not yet appended, in commit order. */
    private List<RulesetEvent> pending = new ArrayList<>();
    /**
     * Guarded by this: the latest generation with a change the journal cannot redo and no checkpoint yet
     * covers (the next flush must be a checkpoint), or -1.
     */
    private long unjournaled = -1;
    /** One save at a time (CoalescingSaver): a checkpoint of this run holds the state the journal continues from. */
    private boolean base;
    /** Guarded by journal: records appended since the journal was last rewritten. */
    private final List<Journal.Record> tail = new ArrayList<>();
    private long tailBytes;
    /** Guarded by this: when the last append happened (for the quiet-second checkpoint). */
    private long lastAppend;
    private final Object checkpointing = new Object();
    private Thread checkpointer;
    private volatile boolean closed;

    JournaledState(StateStore store, CommandFrontend frontend, LongSupplier generation, Quiesce quiesce) {
        this.store = store;
        this.frontend = frontend;
        this.generation = generation;
        this.quiesce = quiesce;
        this.journal = new Journal(store.dir().resolve(Journal.FILE));
        this.run = nextRun();
    }

    long run() {
        return run;
    }

    /** One more than any run the checkpoint files or the journal name. */
    private long nextRun() {
        long max = 0;
        for (StateStore.Entry e : StateStore.ENTRIES) {
            StateStore.Marker m = store.marker(e);
            if (m != null) {
                max = Math.max(max, m.run());
            }
        }
        try {
            for (Journal.Record r : Journal.read(journal.file()).records()) {
                max = Math.max(max, r.run());
            }
        } catch (IOException e) {
            // Unreadable: the boot says so; the first checkpoint of this run rewrites it.
        }
        return max + 1;
    }

    /** Called for every committed event, in order, under the commit (so it only queues). */
    synchronized void changed(RulesetEvent e) {
        if (JournalRedo.unsaved(e)) {
            return;
        }
        if (JournalRedo.journalable(e)) {
            pending.add(e);
        } else {
            unjournaled = Math.max(unjournaled, e.generation());
        }
    }

    /**
     * Boot: loads the checkpoint files, then redoes the journal records each does not cover. Fails closed
     * (in the returned state) when a record does not redo or the journal is damaged.
     */
    BootState restore() {
        BootState boot = store.restore(frontend);
        Journal.Contents j;
        try {
            j = Journal.read(journal.file());
        } catch (IOException e) {
            boot.closed("cannot read " + journal.file() + ": " + e);
            return boot;
        }
        if (j.corrupt() != null) {
            boot.closed(j.corrupt() + "; the ports stay closed (acknowledged changes may be in it)");
            return boot;
        }
        Map<Family, String> refused = new HashMap<>();
        int redone = 0;
        for (Journal.Record r : j.records()) {
            Map<Family, List<RulesetEvent>> byFamily = new LinkedHashMap<>();
            for (RulesetEvent e : r.events()) {
                byFamily.computeIfAbsent(e.family(), k -> new ArrayList<>()).add(e);
            }
            for (Map.Entry<Family, List<RulesetEvent>> fe : byFamily.entrySet()) {
                StateStore.Entry entry = StateStore.entry(fe.getKey());
                StateStore.Loaded loaded = store.loaded(entry);
                if (loaded == null) {
                    if (!refused.containsKey(fe.getKey())) {
                        refused.put(fe.getKey(), "closed");
                        boot.closed(journal.file() + " has changes for " + entry.file() + " (run " + r.run()
                                + ", generation " + r.gen() + ") but " + entry.file() + " was not loaded");
                    }
                    continue;
                }
                if (loaded.marker() == null) {
                    if (!refused.containsKey(fe.getKey())) {
                        refused.put(fe.getKey(), "warned");
                        boot.warning(journal.file() + ": changes for " + entry.file() + " not redone: "
                                + (loaded.lastGood() ? "its last good copy was loaded"
                                        : "it has no checkpoint line (written by hand?), so it is taken as is"));
                    }
                    continue;
                }
                if (loaded.marker().covers(r.run(), r.gen())) {
                    continue;
                }
                for (JournalRedo.Step s : JournalRedo.steps(fe.getValue())) {
                    List<String> args = s.reset() ? List.of("--fail-closed-missing")
                            : List.of("--noflush", "--fail-closed-missing");
                    CommandFrontend.Result res = frontend.run(s.family().tool() + "-restore", args, s.text());
                    if (!res.ok()) {
                        boot.closed(journal.file() + ": the change of run " + r.run() + ", generation " + r.gen()
                                + " to " + entry.file() + " does not redo: " + (res.err() + res.out()).strip());
                        return boot;
                    }
                }
                redone++;
            }
        }
        if (j.tornTail()) {
            boot.warning(journal.file() + ": a torn last record (a crash while it was written, never "
                    + "acknowledged) ignored");
        }
        if (redone > 0) {
            LOG.log(System.Logger.Level.INFO, "redid " + redone + " journaled change(s) from " + journal.file());
        }
        return boot;
    }

    /**
     * A group commit (the {@link CoalescingSaver}'s save): makes every commit so far durable, by an append
     * to the journal or, when the journal cannot hold them, a checkpoint.
     *
     * @return the generation now durable
     */
    long flush() throws IOException {
        if (!base) {
            long g = checkpoint();
            base = true;
            return g;
        }
        Object[] drained;
        try {
            drained = quiesce.call(() -> {
                synchronized (this) {
                    List<RulesetEvent> out = pending;
                    pending = new ArrayList<>();
                    boolean full = unjournaled >= 0;
                    return new Object[] {generation.getAsLong(), out, full};
                }
            });
        } catch (Exception e) {
            throw new IOException("cannot read the committed changes: " + e, e);
        }
        long g = (Long) drained[0];
        @SuppressWarnings("unchecked")
        List<RulesetEvent> events = (List<RulesetEvent>) drained[1];
        if ((Boolean) drained[2]) {
            // The checkpoint reads the state after this drain: it covers the drained events.
            base = false;
            long c = checkpoint();
            base = true;
            return c;
        }
        List<Journal.Record> records = new ArrayList<>();
        List<RulesetEvent> one = new ArrayList<>();
        for (RulesetEvent e : events) {
            if (!one.isEmpty() && one.get(0).generation() != e.generation()) {
                records.add(new Journal.Record(run, one.get(0).generation(), one));
                one = new ArrayList<>();
            }
            one.add(e);
        }
        if (!one.isEmpty()) {
            records.add(new Journal.Record(run, one.get(0).generation(), one));
        }
        synchronized (journal) {
            try {
                long before = journal.size();
                journal.append(records);
                tail.addAll(records);
                tailBytes += journal.size() - before;
            } catch (IOException e) {
                // Part of a record may be in the file: only a checkpoint (which rewrites it) goes on.
                base = false;
                throw new IOException("cannot append to " + journal.file() + ": " + e.getMessage(), e);
            }
        }
        if (!records.isEmpty()) {
            synchronized (this) {
                lastAppend = System.nanoTime();
                notifyAll();
            }
        }
        return g;
    }

    /**
     * Writes every family's file as the state of one generation, then cuts the journal to the records after
     * it. Safe from any thread; one at a time.
     *
     * @return the generation the files hold
     */
    long checkpoint() throws IOException {
        synchronized (checkpointing) {
            Object[] snap;
            try {
                snap = readState();
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("cannot read the state: " + e, e);
            }
            long g = (Long) snap[0];
            @SuppressWarnings("unchecked")
            Map<StateStore.Entry, String> texts = (Map<StateStore.Entry, String>) snap[1];
            store.writeCheckpoint(texts, new StateStore.Marker(run, g));
            synchronized (this) {
                pending.removeIf(e -> e.generation() <= g);
                if (unjournaled <= g) {
                    unjournaled = -1;
                }
            }
            synchronized (journal) {
                List<Journal.Record> keep = new ArrayList<>();
                for (Journal.Record r : tail) {
                    if (r.gen() > g) {
                        keep.add(r);
                    }
                }
                journal.rewrite(keep);
                tail.clear();
                tail.addAll(keep);
                tailBytes = journal.size();
            }
            return g;
        }
    }

    /** Reads of the state tried without holding commits back before one holds them back. */
    static final int OPTIMISTIC_READS = 2;

    /**
     * The state as one generation: {generation, texts}. Every commit publishes and counts its generation
     * while it holds the writer lock, so when the generation read under the lock before the state and the
     * one read under it after are the same, no commit happened in between and the state read is exactly
     * that generation: read so, commands are held back for two short moments, not for the whole save (1-2
     * s at 100k rules). After {@link #OPTIMISTIC_READS} reads overtaken by commits, the state is read
     * while commits wait.
     */
    private Object[] readState() throws Exception {
        for (int i = 0; i < OPTIMISTIC_READS; i++) {
            long before = quiesce.call(generation::getAsLong);
            Map<StateStore.Entry, String> texts = store.read(frontend);
            long after = quiesce.call(generation::getAsLong);
            if (before == after) {
                return new Object[] {before, texts};
            }
        }
        return quiesce.call(() -> new Object[] {generation.getAsLong(), store.read(frontend)});
    }

    /** Starts the background checkpoints. */
    void startCheckpoints() {
        checkpointer = new Thread(this::checkpointLoop, "pkttables-checkpoint");
        checkpointer.setDaemon(true);
        checkpointer.start();
    }

    private void checkpointLoop() {
        try {
            while (!closed) {
                synchronized (this) {
                    while (!closed && !due()) {
                        wait(QUIET_MILLIS);
                    }
                }
                if (closed) {
                    return;
                }
                try {
                    checkpoint();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "background checkpoint failed (the journal keeps every change): "
                            + e.getMessage());
                    Thread.sleep(5000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Guarded by this: the journal is big, or has records and was quiet for a second. */
    private boolean due() {
        long bytes;
        boolean any;
        synchronized (journal) {
            bytes = tailBytes;
            any = !tail.isEmpty();
        }
        if (bytes >= CHECKPOINT_BYTES) {
            return true;
        }
        return any && System.nanoTime() - lastAppend >= QUIET_MILLIS * 1_000_000L;
    }

    /** Stops the background checkpoints; with {@code checkpoint}, writes a last one (the journal is then empty). */
    void close(boolean checkpoint) throws InterruptedException {
        closed = true;
        synchronized (this) {
            notifyAll();
        }
        if (checkpointer != null) {
            checkpointer.interrupt();
            checkpointer.join(10_000);
        }
        if (checkpoint) {
            try {
                checkpoint();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "last checkpoint at stop failed (the journal keeps every change): "
                        + e.getMessage());
            }
        }
        try {
            journal.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing " + journal.file() + ": " + e);
        }
    }
}
