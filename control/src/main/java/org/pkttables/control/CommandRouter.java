package org.pkttables.control;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.CommandRegistry;
import org.pkttables.api.Ruleset;
import org.pkttables.api.StreamingCommand;
import org.pkttables.control.client.Wire;

/**
 * Runs one command for the socket or a script, found by name in the {@link CommandRegistry} (which holds
 * every command: the xtables tools, the appliance's own {@code ping}, {@code status}, {@code lb},
 * {@code monitor}, {@code help}, and those of every other bundle). A {@link StreamingCommand} whose
 * arguments ask for a stream ({@code conntrack -E}, {@code monitor}) writes straight to the connection
 * until the reader leaves. A command that commits returns once its change is durable.
 */
final class CommandRouter implements ControlServer.Handler {
    private final CommandRegistry commands;
    private final Supplier<Ruleset> ruleset;

    /** Waits until a committed generation is on disk (see {@link CoalescingSaver#await}). */
    interface Durability {
        /** Returns once {@code generation} is saved; throws saying why it is not. */
        void await(long generation) throws IOException, InterruptedException;
    }

    /** No state directory: nothing to wait for. */
    static final Durability IN_MEMORY = generation -> {
    };

    private volatile Durability durability = IN_MEMORY;
    /** The change history, or null (batch mode, no state directory). */
    private volatile HistoryRecorder history;

    CommandRouter(CommandRegistry commands, Supplier<Ruleset> ruleset) {
        this.commands = commands;
        this.ruleset = ruleset;
    }

    /** From now on a command that commits returns only once its change is durable. */
    void durability(Durability d) {
        this.durability = d;
    }

    /** From now on a command that commits is recorded in the change history. */
    void history(HistoryRecorder h) {
        this.history = h;
    }

    @Override
    public int handle(Wire.Request r, Output out) throws IOException {
        List<String> args = r.args();
        CommandExtension command = commands.command(r.command());
        if (command == null) {
            out.err(CommandRegistryComponent.unknown(r.command()));
            return 127;
        }
        if (command instanceof StreamingCommand s && s.streams(args)) {
            return stream(s, args, out);
        }
        CommandFrontend.Result res;
        long before = generation();
        Caller caller = out.caller(r.argv());
        Caller outer = Caller.swap(caller);
        try {
            res = command.run(args, r.stdin(), out.files());
        } catch (RuntimeException e) {
            // A bug in a command must not kill the connection silently: report it and keep serving.
            e.printStackTrace();
            out.err(r.command() + ": internal error: " + e + "\n");
            return 1;
        } finally {
            Caller.swap(outer);
        }
        out.out(res.out());
        out.err(res.err());
        HistoryRecorder h = history;
        long after = generation();
        String notSaved = awaitDurable(before);
        // Queued once the change is on disk: the history's whole save of the ruleset would otherwise take the
        // cores from the journal write the answer waits for.
        if (h != null && after != before) {
            h.committed(caller, after);
        }
        if (notSaved != null) {
            out.err(r.command() + ": " + notSaved + "\n");
            return res.exit() == 0 ? 1 : res.exit();
        }
        return res.exit();
    }

    private long generation() {
        Ruleset rs = ruleset.get();
        return rs == null ? 0 : rs.generation();
    }

    /**
     * Durable acknowledgement: when the ruleset changed while the command ran, waits until that
     * generation is on disk (commands running together share one write).
     *
     * @return null when durable (or nothing changed), else why the change is committed but not saved
     */
    String awaitDurable(long before) {
        long after = generation();
        if (after == before) {
            return null;
        }
        try {
            durability.await(after);
            return null;
        } catch (IOException e) {
            return "committed, but NOT saved to disk: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "committed, but interrupted before it was saved to disk";
        }
    }

    private static int stream(StreamingCommand command, List<String> args, Output out) throws IOException {
        try {
            return command.stream(args, new StreamingCommand.Sink() {
                @Override
                public void out(String text) throws IOException {
                    out.out(text);
                }

                @Override
                public void err(String text) throws IOException {
                    out.err(text);
                }

                @Override
                public void keepAlive() throws IOException {
                    out.keepAlive();
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
