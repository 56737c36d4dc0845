package org.pkttables.control;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.Ruleset;
import org.pkttables.api.RulesetEvent;
import org.pkttables.api.StreamingCommand;
import org.pkttables.control.client.MonitorArgs;
import org.pkttables.control.client.Wire;

/**
 * Runs one command for the socket or a script: the appliance's own commands ({@code ping},
 * {@code status}, {@code lb}, {@code monitor}, {@code help}) here, everything else through the
 * {@link CommandFrontend}, which owns all rule syntax. A {@link StreamingCommand} whose arguments ask for a
 * stream ({@code conntrack -E}) writes straight to the connection until the reader leaves.
 */
final class CommandRouter implements ControlServer.Handler {
    static final List<String> OWN = List.of("ping", "status", "lb", "monitor", "help");

    /** How often a quiet {@code monitor} checks that its reader is still connected. */
    private static final long KEEPALIVE_SECONDS = 1;

    private final CommandFrontend frontend;
    private final Supplier<Ruleset> ruleset;
    private final BundleContext context;
    private final Settings settings;
    private final List<BlockingQueue<RulesetEvent>> monitors = new CopyOnWriteArrayList<>();
    /** Runs the streaming command of this name (null: none), returning its exit status. */
    private final Function<String, Streamer> streamers;

    /** Waits until a committed generation is on disk (see {@link CoalescingSaver#await}). */
    interface Durability {
        /** Returns once {@code generation} is saved; throws saying why it is not. */
        void await(long generation) throws IOException, InterruptedException;
    }

    /** No state directory: nothing to wait for. */
    static final Durability IN_MEMORY = generation -> {
    };

    private volatile Durability durability = IN_MEMORY;
    /** What the boot loaded (null while it is loading, or without a boot: tests, batch). */
    private volatile Supplier<BootState> boot = () -> null;

    /** A way to run one streaming command (service got and released around the stream). */
    interface Streamer {
        /** Null when the arguments do not ask for a stream (the command then runs as usual). */
        Integer stream(List<String> args, StreamingCommand.Sink sink) throws IOException, InterruptedException;
    }

    CommandRouter(CommandFrontend frontend, Supplier<Ruleset> ruleset, BundleContext context, Settings settings) {
        this(frontend, ruleset, context, settings, context == null ? name -> null : registered(context));
    }

    CommandRouter(CommandFrontend frontend, Supplier<Ruleset> ruleset, BundleContext context, Settings settings,
            Function<String, Streamer> streamers) {
        this.frontend = frontend;
        this.ruleset = ruleset;
        this.context = context;
        this.settings = settings;
        this.streamers = streamers;
    }

    /** Streaming commands from the service registry, found by name when a command comes in. */
    private static Function<String, Streamer> registered(BundleContext context) {
        return name -> (args, sink) -> {
            java.util.Collection<ServiceReference<StreamingCommand>> refs;
            try {
                refs = context.getServiceReferences(StreamingCommand.class, null);
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException("no filter given", e);
            }
            for (ServiceReference<StreamingCommand> ref : refs) {
                StreamingCommand c = context.getService(ref);
                if (c == null) {
                    continue;
                }
                try {
                    if (c.name().equals(name)) {
                        return c.streams(args) ? c.stream(args, sink) : null;
                    }
                } finally {
                    context.ungetService(ref);
                }
            }
            return null;
        };
    }

    /** From now on a command that commits returns only once its change is durable. */
    void durability(Durability d) {
        this.durability = d;
    }

    /** Where {@code status} finds what the boot loaded. */
    void boot(Supplier<BootState> b) {
        this.boot = b;
    }

    /** Passes a committed change to every running {@code monitor}. */
    void publish(RulesetEvent e) {
        for (BlockingQueue<RulesetEvent> q : monitors) {
            q.offer(e);
        }
    }

    @Override
    public int handle(Wire.Request r, Output out) throws IOException {
        List<String> args = r.args();
        switch (r.command()) {
            case "ping":
                out.out("pong\n");
                return 0;
            case "status": {
                BootState b = boot.get();
                out.out(status(b));
                return b == null || b.outcome() == BootState.Outcome.LOADED ? 0 : BootState.DEGRADED_EXIT;
            }
            case "lb":
                out.out(bundles());
                return 0;
            case "help":
                out.out("commands: " + String.join(" ", commands()) + "\n");
                return 0;
            case "monitor":
                return monitor(args, out);
            default:
                break;
        }
        Streamer streamer = streamers.apply(r.command());
        if (streamer != null) {
            Integer exit = stream(streamer, args, out);
            if (exit != null) {
                return exit;
            }
        }
        if (!frontend.commands().contains(r.command())) {
            out.err("pkttables: unknown command '" + r.command() + "' (try 'help')\n");
            return 127;
        }
        CommandFrontend.Result res;
        long before = generation();
        try {
            res = frontend.run(r.command(), args, r.stdin(), out.files());
        } catch (RuntimeException e) {
            // A bug in the core must not kill the connection silently: report it and keep serving.
            e.printStackTrace();
            out.err(r.command() + ": internal error: " + e + "\n");
            return 1;
        }
        out.out(res.out());
        out.err(res.err());
        String notSaved = awaitDurable(before);
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

    private static Integer stream(Streamer streamer, List<String> args, Output out) throws IOException {
        try {
            return streamer.stream(args, new StreamingCommand.Sink() {
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

    List<String> commands() {
        List<String> all = new ArrayList<>(frontend.commands());
        all.addAll(OWN);
        return all;
    }

    private String status(BootState boot) {
        StringBuilder sb = new StringBuilder();
        if (boot != null) {
            sb.append(boot.describe());
        }
        Ruleset rs = ruleset.get();
        if (rs != null) {
            sb.append("generation: ").append(rs.generation()).append('\n');
            sb.append("fail-closed drops: ").append(rs.failClosedDrops()).append('\n');
            // Extensions that threw on the packet path: dropped, counted per rule and worker (workers).
            sb.append("fault drops: ").append(rs.faultDrops()).append('\n');
            for (org.pkttables.api.ExtensionFault f : rs.faults()) {
                sb.append("  ").append(f).append('\n');
            }
        }
        sb.append("socket: ").append(settings.socket() == null ? "none" : settings.socket()).append('\n');
        sb.append("state: ").append(settings.state() == null ? "not persisted" : settings.state()).append('\n');
        Bundle[] all = context.getBundles();
        int active = 0;
        for (Bundle b : all) {
            if (b.getState() == Bundle.ACTIVE) {
                active++;
            }
        }
        sb.append("bundles: ").append(active).append(" active of ").append(all.length).append('\n');
        sb.append("version: ").append(PkttablesVersion.version()).append('\n');
        return sb.toString();
    }

    private String bundles() {
        Map<Integer, String> names = Map.of(Bundle.ACTIVE, "Active", Bundle.RESOLVED, "Resolved", Bundle.INSTALLED,
                "Installed", Bundle.STARTING, "Starting", Bundle.STOPPING, "Stopping", Bundle.UNINSTALLED,
                "Uninstalled");
        StringBuilder sb = new StringBuilder(" ID|State      |Name\n");
        for (Bundle b : context.getBundles()) {
            sb.append(String.format("%3d|%-11s|%s (%s)%n", b.getBundleId(), names.getOrDefault(b.getState(), "?"),
                    b.getSymbolicName(), b.getVersion()));
        }
        return sb.toString();
    }

    /** {@code monitor [--count N]}: streams ruleset events until N have been sent or the reader leaves. */
    private int monitor(List<String> args, Output out) throws IOException {
        long count;
        try {
            count = MonitorArgs.count(args);
        } catch (IllegalArgumentException e) {
            out.err("monitor: " + e.getMessage() + "\n");
            return 2;
        }
        BlockingQueue<RulesetEvent> q = new LinkedBlockingQueue<>();
        monitors.add(q);
        try {
            for (long seen = 0; seen < count;) {
                RulesetEvent e = q.poll(KEEPALIVE_SECONDS, TimeUnit.SECONDS);
                if (e == null) {
                    out.keepAlive();
                } else {
                    out.out(e + "\n");
                    seen++;
                }
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } finally {
            monitors.remove(q);
        }
    }
}
