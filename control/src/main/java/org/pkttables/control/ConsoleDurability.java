package org.pkttables.control;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.pkttables.api.Ruleset;

/**
 * Durable acknowledgement at the Gogo console: a console line that committed a change comes back to the
 * prompt only once the change is on disk, as {@code ctl} does (Gogo calls every registered
 * {@link CommandSessionListener} around each line it executes, on the line's own thread).
 */
final class ConsoleDurability implements CommandSessionListener {
    private final Supplier<Ruleset> ruleset;
    private final CommandRouter.Durability durability;
    /** The change history (a line that committed is recorded with the appliance's uid), or null. */
    private final Supplier<HistoryRecorder> history;
    /** Generation before each (possibly nested) line of this thread. */
    private final ThreadLocal<Deque<Long>> before = ThreadLocal.withInitial(ArrayDeque::new);
    /** The caller of each (possibly nested) line of this thread, and the one before it. */
    private final ThreadLocal<Deque<Caller[]>> callers = ThreadLocal.withInitial(ArrayDeque::new);

    private ConsoleDurability(Supplier<Ruleset> ruleset, CommandRouter.Durability durability,
            Supplier<HistoryRecorder> history) {
        this.ruleset = ruleset;
        this.durability = durability;
        this.history = history;
    }

    /** Registers the listener; null when Gogo is not installed (the import is optional). */
    static ServiceRegistration<?> register(BundleContext ctx, Supplier<Ruleset> ruleset,
            CommandRouter.Durability durability, Supplier<HistoryRecorder> history) {
        try {
            return ctx.registerService(CommandSessionListener.class, new ConsoleDurability(ruleset, durability, history),
                    null);
        } catch (NoClassDefFoundError e) {
            return null;
        }
    }

    private long generation() {
        Ruleset rs = ruleset.get();
        return rs == null ? 0 : rs.generation();
    }

    @Override
    public void beforeExecute(CommandSession session, CharSequence command) {
        before.get().push(generation());
        // At the console the caller is the appliance's own user, and the command line the line typed.
        Caller c = Caller.self(command.toString().strip());
        callers.get().push(new Caller[] {c, Caller.swap(c), Caller.console(c)});
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Exception exception) {
        after();
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Object result) {
        after();
    }

    private void after() {
        Long start = before.get().poll();
        Caller[] c = callers.get().poll();
        if (c != null) {
            Caller.swap(c[1]);
            Caller.console(c[2]);
        }
        long now = generation();
        if (start == null || now == start) {
            return;
        }
        HistoryRecorder h = history.get();
        if (h != null && c != null) {
            h.committed(c[0], now);
        }
        try {
            durability.await(now);
        } catch (IOException e) {
            System.err.println("pkttables: committed, but NOT saved to disk: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("pkttables: committed, but interrupted before it was saved to disk");
        }
    }
}
