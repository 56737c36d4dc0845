package org.pkttables.control;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

import org.pkttables.api.CommandFrontend;

/**
 * Puts committed generations into the {@link GenerationHistory}: after a command that committed (the
 * control socket's {@link CommandRouter}, the console's {@link ConsoleDurability}) it takes the ruleset
 * while no commit can happen and records it with the command's {@link Caller}. A command that recorded its
 * own generation ({@code apply}, {@code rollback}) is not recorded twice. Commits running at the same
 * moment as another command's recording may land in one entry (the ruleset is taken once, whole).
 */
final class HistoryRecorder {
    /** Runs a task while no commit can happen (the ruleset's writer lock held). */
    interface Quiesce {
        <T> T run(Callable<T> task) throws Exception;
    }

    private final GenerationHistory history;
    private final CommandFrontend frontend;
    private final LongSupplier generation;
    private final Quiesce quiesce;
    /** The in-memory generation the newest entry holds (or a later one): commits up to it are recorded. */
    private long recordedUpTo = -1;
    private volatile boolean enabled;

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

    /** Records from now on (after the boot loaded; the config script's lines are not entries of their own). */
    void enable() {
        enabled = true;
    }

    boolean enabled() {
        return enabled;
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
     * Records the live ruleset as made by {@code caller}; unless {@code always}, not when it equals the
     * newest entry's.
     *
     * @return the entry, or null when nothing was recorded
     */
    synchronized GenerationHistory.Entry record(Caller caller, boolean always) throws IOException {
        Object[] s = snapshotAt();
        GenerationHistory.Entry e = history.record(caller, (RulesetSnapshot) s[0], always);
        recordedUpTo = Math.max(recordedUpTo, (Long) s[1]);
        return e;
    }

    /**
     * After {@code caller}'s command left the ruleset at in-memory generation {@code after}: records it
     * unless an entry holds it already.
     *
     * @return null, or why it could not be recorded (for the caller's stderr)
     */
    synchronized String committed(Caller caller, long after) {
        if (!enabled || after <= recordedUpTo) {
            return null;
        }
        try {
            record(caller, false);
            return null;
        } catch (IOException e) {
            return "the change is not in the history: " + e.getMessage();
        }
    }
}
