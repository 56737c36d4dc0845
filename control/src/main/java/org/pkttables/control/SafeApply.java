package org.pkttables.control;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.pkttables.api.CommandFrontend;

/**
 * Safe change, as iptables-apply does it: {@link #apply} loads a restore file atomically and, unless
 * {@link #confirm} comes within the timeout, a timer puts the ruleset of before back (itself a new
 * generation of the history, and a warning in the log). One apply waits for confirmation at a time; the
 * applying client need not stay connected. {@link #rollback} makes the ruleset a generation of the
 * history again. Every outcome is one {@link CommandFrontend.Result} whose text says what happened.
 */
final class SafeApply implements AutoCloseable {
    static final int DEFAULT_TIMEOUT = 30;
    private static final System.Logger LOG = System.getLogger("org.pkttables.control");

    /** The apply waiting for {@code confirm}. */
    private record Pending(GenerationHistory.Entry applied, long previous, RulesetSnapshot before, int seconds,
            Instant deadline, ScheduledFuture<?> timer) {
    }

    private final HistoryRecorder recorder;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private Pending pending;
    /** What became of the last apply (confirmed, rolled back), for a late {@code confirm}; null before any. */
    private String lastOutcome;

    SafeApply(HistoryRecorder recorder, Clock clock) {
        this.recorder = recorder;
        this.clock = clock;
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pkttables-apply-timer");
            t.setDaemon(true);
            return t;
        });
    }

    private static CommandFrontend.Result fail(String text) {
        return new CommandFrontend.Result(1, "", text.endsWith("\n") ? text : text + "\n");
    }

    private static CommandFrontend.Result ok(String text) {
        return new CommandFrontend.Result(0, text, "");
    }

    /**
     * Loads {@code text} (a restore file of {@code tool}, read from {@code file}) in one commit of
     * {@code tool-restore}, records it, and rolls it back after {@code seconds} unless confirmed.
     */
    synchronized CommandFrontend.Result apply(Caller caller, String tool, String file, String text, int seconds) {
        if (pending != null) {
            return fail("apply: refused, nothing changed: generation " + pending.applied.gen() + " (" + pending.applied
                    .caller().who() + ": " + pending.applied.caller().command() + ") waits for `confirm' "
                    + remaining(pending) + "; confirm it or let it roll back first");
        }
        recorder.drain(); // the commits queued so far are in the history: the newest entry is the ruleset of before
        if (!recorder.frontend().commands().contains(tool + "-restore")) {
            return fail("apply: " + tool + "-restore is not loaded; nothing changed");
        }
        RulesetSnapshot before;
        GenerationHistory.Entry previous;
        try {
            before = recorder.snapshot();
            previous = recorder.history().last();
            if (previous == null || !previous.rules().equals(before)) {
                // Changes the history missed (e.g. not recorded): the ruleset to go back to gets an entry.
                previous = recorder.record(caller.running("(the ruleset before: " + caller.command() + ")"), true);
            }
        } catch (IOException e) {
            return fail("apply: cannot take the ruleset of before (" + e.getMessage() + "); nothing changed");
        }
        CommandFrontend.Result r = recorder.frontend().run(tool + "-restore", List.of(), text);
        if (!r.ok()) {
            return fail("apply: " + file + ": " + r.err().strip().replaceFirst("^" + tool + "-restore: ", "")
                    + "; nothing changed");
        }
        GenerationHistory.Entry applied;
        try {
            applied = recorder.record(caller, true);
        } catch (IOException e) {
            String why = recorder.snapshotRestore(before);
            return fail("apply: the applied ruleset could not be recorded (" + e.getMessage() + "); "
                    + (why == null ? "put the ruleset of before back" : "AND putting the ruleset of before back failed: "
                            + why));
        }
        Instant deadline = clock.instant().plusSeconds(seconds);
        ScheduledFuture<?> timer = timers.schedule(() -> expire(applied.gen()), seconds, TimeUnit.SECONDS);
        pending = new Pending(applied, previous.gen(), before, seconds, deadline, timer);
        LOG.log(System.Logger.Level.INFO, "apply: generation " + applied.gen() + " (" + caller.who() + ": "
                + caller.command() + "), rolls back to generation " + previous.gen() + " unless confirmed within "
                + seconds + " s");
        return ok("applied " + file + " as generation " + applied.gen() + "; confirm within " + seconds
                + " s (`confirm'), or it is rolled back to generation " + previous.gen() + "\n");
    }

    private String remaining(Pending p) {
        long ms = Math.max(0, Duration.between(clock.instant(), p.deadline()).toMillis());
        return "(rollback to generation " + p.previous() + " in " + (ms + 999) / 1000 + " s)";
    }

    /** {@code confirm}: keeps the applied generation. */
    synchronized CommandFrontend.Result confirm(Caller caller) {
        if (pending == null) {
            return fail("confirm: nothing waits for confirmation" + (lastOutcome == null ? "" : ": " + lastOutcome));
        }
        Pending p = pending;
        p.timer().cancel(false);
        pending = null;
        lastOutcome = "generation " + p.applied().gen() + " was confirmed at " + clock.instant() + " by " + caller.who();
        LOG.log(System.Logger.Level.INFO, "apply: " + lastOutcome);
        return ok("confirmed: generation " + p.applied().gen() + " stays\n");
    }

    /** The timer: rolls back unless confirmed meanwhile. */
    private synchronized void expire(long gen) {
        Pending p = pending;
        if (p == null || p.applied().gen() != gen) {
            return;
        }
        rollBack(p, "was not confirmed within " + p.seconds() + " s", "not confirmed within " + p.seconds() + " s");
    }

    private void rollBack(Pending p, String reason, String shortReason) {
        long gen = p.applied().gen();
        pending = null;
        p.timer().cancel(false);
        String what = "generation " + gen + " (" + p.applied().caller().who() + ": " + p.applied().caller().command()
                + ") " + reason;
        String why = recorder.snapshotRestore(p.before());
        if (why != null) {
            lastOutcome = what + "; the rollback to generation " + p.previous() + " FAILED: " + why;
            LOG.log(System.Logger.Level.ERROR, "apply: " + lastOutcome);
            return;
        }
        String now;
        try {
            GenerationHistory.Entry e = recorder.record(Caller.self("rollback " + p.previous() + " (apply of generation "
                    + gen + " " + shortReason + ")"), true);
            now = "now generation " + e.gen();
        } catch (IOException e) {
            now = "not recorded in the history: " + e.getMessage();
        }
        lastOutcome = what + ": rolled back to generation " + p.previous() + " at " + clock.instant() + " (" + now + ")";
        LOG.log(System.Logger.Level.WARNING, "apply: " + lastOutcome);
    }

    /** {@code rollback GEN}: makes the ruleset generation {@code gen}'s again, as a new generation. */
    synchronized CommandFrontend.Result rollback(Caller caller, long gen) {
        recorder.drain();
        GenerationHistory.Entry target = recorder.history().get(gen);
        if (target == null) {
            return fail("rollback: no generation " + gen + " in the history (" + recorder.history().range()
                    + "); nothing changed");
        }
        if (pending != null) {
            return fail("rollback: refused, nothing changed: generation " + pending.applied().gen()
                    + " waits for `confirm' " + remaining(pending) + "; confirm it or let it roll back first");
        }
        String why = recorder.snapshotRestore(target.rules());
        if (why != null) {
            return fail("rollback: " + why + "; the ruleset is as it was");
        }
        try {
            GenerationHistory.Entry e = recorder.record(caller, true);
            return ok("rolled back to generation " + gen + ": now generation " + e.gen() + "\n");
        } catch (IOException e) {
            return fail("rollback: rolled back to generation " + gen + ", but not recorded in the history: "
                    + e.getMessage());
        }
    }

    /** The line {@code history} shows about a waiting apply, or null. */
    synchronized String pendingLine() {
        Pending p = pending;
        return p == null ? null : "generation " + p.applied().gen() + " waits for `confirm' " + remaining(p);
    }

    /** What became of the last apply, or null. */
    synchronized String lastOutcome() {
        return lastOutcome;
    }

    /**
     * The appliance stops: an apply still waiting for {@code confirm} is rolled back now (its rules were
     * never confirmed, so they are not what the next start loads), then the timer ends.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (pending != null) {
                rollBack(pending, "was not confirmed before the appliance stopped",
                        "not confirmed before the appliance stopped");
            }
        }
        timers.shutdownNow();
    }
}
