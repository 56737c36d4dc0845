package org.pkttables.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.CommandRegistry;
import org.pkttables.api.Ruleset;
import org.pkttables.api.RulesetEvent;
import org.pkttables.api.RulesetListener;
import org.pkttables.control.client.StrictUtf8Lines;

/**
 * The appliance around the core. Once every bundle of the runtime and of the deploy directory has started
 * (so all L3 handlers and extensions the saved rules use are registered, see {@link StartupBarrier}) it
 * loads the rules -- the {@code --config} script, or
 * else the saved state -- then persists every committed change and opens the control socket. In batch
 * mode it runs the script instead and exits the JVM with the script's status.
 *
 * <p>The boot fails closed ({@link BootState}): only when the ruleset loaded whole (or a saved file's last
 * good copy did) is {@link org.pkttables.api.RulesetLoaded} registered, which the bundles that move
 * traffic wait for; otherwise the ports stay closed, nothing is saved over the state, and {@code status}
 * and the log say why. A command that commits a change returns only once the change is on disk.
 */
@Component(service = {}, immediate = true)
public final class Appliance {
    private static final System.Logger LOG = System.getLogger("org.pkttables.control");
    /** Framework property: a batch stops at its first failing line ({@code bin/pkttables replay}). */
    static final String BATCH_STOP = "pkttables.batch.stopAtFailure";

    /** The xtables tools: the saved rules are loaded and saved through their -restore and -save. */
    @Reference
    private CommandFrontend frontend;

    /** Every command, for the socket, batch and the config script. */
    @Reference
    private CommandRegistry commands;

    /** Every committed change (journaled once the boot has loaded). */
    @Reference
    private ChangeFeed changes;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Ruleset ruleset;

    private BundleContext context;
    private Settings settings;
    private CommandRouter router;
    private StateStore state;
    private JournaledState journaled;
    private CoalescingSaver saver;
    private volatile boolean persisting;
    /** The change history once the boot loaded (null before, in batch mode, without a state directory). */
    private volatile HistoryRecorder history;
    private volatile SafeApply safeApply;
    private final List<ServiceRegistration<CommandExtension>> historyCommands = new java.util.ArrayList<>();
    /** Held from before the state is read until the stop; null in batch mode and without a state dir. */
    private volatile StateLock stateLock;
    private volatile ControlServer server;
    /** Under systemd ({@code Type=notify}): READY, STATUS and the watchdog pings; else null. */
    private volatile SystemdService systemd;
    /** The LOG queue's tracker for status (an AutoCloseable: its class needs ext.targets); null without it. */
    private AutoCloseable logQueueStatus;
    /** io's heartbeats while under systemd with io there; else null. */
    private volatile AutoCloseable ioHeartbeats;
    /** SIGHUP reloads the config ({@link ConfigReload}); null in batch mode or without sun.misc. */
    private HangupSignal hangup;
    private Thread startup;
    private ServiceRegistration<CommandExtension> status;
    private final RulesetListener listener = this::changed;
    private volatile BootState boot;
    private ServiceRegistration<?> console;
    private ServiceRegistration<?> deployReporter;
    /** The configured log backend (java.util.logging, one line per event), from activate to deactivate. */
    private LogBackend logBackend;
    /** One reload at a time (two SIGHUPs in a row wait for each other). */
    private final Object reloading = new Object();
    /** SIGTERM does not stop the framework: still remove the socket and write the last state. */
    private final Thread shutdownHook = new Thread(this::shutdown, "pkttables-shutdown");

    @Activate
    void activate(BundleContext ctx) {
        this.context = ctx;
        try {
            logBackend = LogBackend.install(ctx::getProperty, System::getenv, System.err);
        } catch (IllegalArgumentException e) {
            logBackend = LogBackend.install(p -> null, System::getenv, System.err);
            LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; logging at info");
        }
        this.settings = Settings.from(ctx::getProperty);
        this.router = new CommandRouter(commands, () -> ruleset);
        if (settings.state() != null && !settings.batchMode()) {
            state = new StateStore(settings.state());
            journaled = new JournaledState(state, frontend, this::currentGeneration, this::quiesced);
            saver = new CoalescingSaver(this::save);
            router.durability(this::awaitDurable);
            try {
                console = ConsoleDurability.register(ctx, () -> ruleset, this::awaitDurable, () -> history);
            } catch (NoClassDefFoundError e) {
                console = null; // no Gogo (its import is optional): no console to acknowledge at
            }
        }
        try {
            deployReporter = UnusableJarReporter.register(ctx);
        } catch (NoClassDefFoundError e) {
            deployReporter = null; // no FileInstall: no deploy directory to watch
        }
        changes.subscribe(listener);
        // What the boot loaded is this component's: its status command is registered from here.
        java.util.function.Supplier<String> logQueue;
        try {
            LogQueueStatus q = LogQueueStatus.track(ctx);
            logQueueStatus = q;
            logQueue = q;
        } catch (NoClassDefFoundError e) {
            logQueue = () -> null; // no ext.targets (its package is an optional import): no LOG queue
        }
        status = ctx.registerService(CommandExtension.class,
                new StatusCommand(() -> boot, () -> ruleset, settings, ctx, logQueue), null);
        startup = new Thread(this::start, "pkttables-startup");
        startup.setDaemon(true);
        startup.start();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook is doing the same work.
        }
        startup.interrupt();
        startup.join();
        changes.unsubscribe(listener);
        status.unregister();
        if (logQueueStatus != null) {
            try {
                logQueueStatus.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing the LOG queue's tracker: " + e);
            }
        }
        if (console != null) {
            console.unregister();
        }
        if (deployReporter != null) {
            deployReporter.unregister();
        }
        shutdown();
        logBackend.close();
    }

    private synchronized void shutdown() {
        if (safeApply != null) {
            // Before the saver stops: an unconfirmed apply is rolled back, and that is saved.
            safeApply.close();
            safeApply = null;
        }
        if (history != null) {
            history.close(); // what is queued is recorded first
            history = null;
        }
        for (ServiceRegistration<CommandExtension> r : historyCommands) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // The bundle is stopping: its services are going anyway.
            }
        }
        historyCommands.clear();
        if (hangup != null) {
            hangup.close();
            hangup = null;
        }
        if (systemd != null) {
            try {
                systemd.stopping();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "telling systemd: " + e.getMessage());
            }
            systemd.close();
            systemd = null;
        }
        if (ioHeartbeats != null) {
            try {
                ioHeartbeats.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing io's heartbeat tracker: " + e);
            }
            ioHeartbeats = null;
        }
        boolean wasPersisting = persisting;
        persisting = false;
        try {
            if (server != null) {
                server.close();
                server = null;
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the control socket: " + e);
        }
        if (saver != null) {
            try {
                saver.close();
                // A clean stop leaves complete rules.* files (and an empty journal) for whoever reads them.
                journaled.close(wasPersisting);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (stateLock != null) {
            try {
                stateLock.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "releasing the state directory's lock: " + e);
            }
            stateLock = null;
        }
    }

    /** Journals every committed change (once the boot has loaded); {@code monitor} hears it on its own. */
    private void changed(RulesetEvent event) {
        if (persisting) {
            journaled.changed(event);
            saver.request();
        }
    }

    private void start() {
        try {
            new StartupBarrier(context).await();
            if (settings.batchMode()) {
                int status = runBatch();
                System.out.flush();
                System.err.flush();
                System.exit(status);
                return;
            }
            if (state != null) {
                stateLock = StateLock.acquire(state.dir());
            }
            BootState b = loadRules();
            boot = b;
            if (b.outcome() != BootState.Outcome.LOADED) {
                // One event per line of the description: the headline and each reason.
                System.Logger.Level level = b.portsMayOpen() ? System.Logger.Level.WARNING : System.Logger.Level.ERROR;
                for (String line : b.describe().split("\n")) {
                    LOG.log(level, line);
                }
            }
            if (b.portsMayOpen()) {
                long gen = frontendGeneration();
                context.registerService(org.pkttables.api.RulesetLoaded.class, () -> gen, null);
                if (saver != null) {
                    persisting = true;
                    saver.request();
                    journaled.startCheckpoints();
                    openHistory();
                }
            }
            if (settings.socket() != null) {
                server = ControlServer.open(settings.socket(), router, context::getProperty);
                LOG.log(System.Logger.Level.INFO, "control socket " + server.path());
            }
            try {
                hangup = HangupSignal.install(this::reload);
            } catch (NoClassDefFoundError e) {
                LOG.log(System.Logger.Level.WARNING, "no sun.misc.Signal: SIGHUP does not reload the config");
            }
            // The rules are in and (RulesetLoaded bound synchronously) the ports attached: tell systemd.
            // STATUS= names the mode (io's `mode') and counts the rules (the -save tools): every command
            systemd = SystemdService.fromEnvironment(System::getenv, everyCommand(), heartbeats());
            if (systemd != null) {
                systemd.ready(b.portsMayOpen() ? "" : "boot FAILED CLOSED, ports closed (see status); ");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot start: " + e.getMessage());
            stopFramework();
        }
    }

    /**
     * The change history of the state directory ({@code history/}): the boot's ruleset is its first entry
     * when it differs from the newest one kept; from now on every commit is recorded, and the commands
     * {@code apply}, {@code confirm}, {@code history}, {@code diff}, {@code rollback} are registered.
     */
    private void openHistory() {
        int size;
        try {
            size = GenerationHistory.size(context.getProperty(GenerationHistory.SIZE));
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; keeping " + GenerationHistory.DEFAULT_SIZE);
            size = GenerationHistory.DEFAULT_SIZE;
        }
        if (size == 0) {
            LOG.log(System.Logger.Level.INFO, "change history off (" + GenerationHistory.SIZE + "=0): no apply, history, "
                    + "diff, rollback");
            return;
        }
        try {
            GenerationHistory h = GenerationHistory.open(state.dir(), size, java.time.Clock.systemUTC());
            for (String p : h.problems()) {
                LOG.log(System.Logger.Level.WARNING, "history: " + p);
            }
            HistoryRecorder rec = new HistoryRecorder(h, frontend, this::currentGeneration, this::quiesced);
            rec.record(Caller.self(settings.config() != null ? "boot --config " + settings.config()
                    : "boot (the saved state " + state.dir() + ")"), false);
            rec.enable();
            SafeApply apply = new SafeApply(rec, java.time.Clock.systemUTC());
            safeApply = apply;
            history = rec;
            router.history(rec);
            for (CommandExtension c : List.of(new ApplyCommand(apply), new ConfirmCommand(apply),
                    new HistoryCommand(rec, apply), new DiffCommand(rec), new RollbackCommand(apply))) {
                historyCommands.add(context.registerService(CommandExtension.class, c, null));
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "no change history (apply, history, diff, rollback): " + e.getMessage());
        }
    }

    /** The packet loops' heartbeats for the systemd watchdog: io's, or none without io. */
    private java.util.function.Supplier<java.util.Map<String, Long>> heartbeats() {
        try {
            IoHeartbeats h = IoHeartbeats.track(context);
            ioHeartbeats = h;
            return h;
        } catch (NoClassDefFoundError e) {
            return java.util.Map::of; // no io (its package is an optional import): no packet loops to watch
        }
    }

    /** The command registry as a front end: whatever command a bundle brings, found when called. */
    private CommandFrontend everyCommand() {
        return new CommandFrontend() {
            @Override
            public List<String> commands() {
                return commands.commands();
            }

            @Override
            public Result run(String command, List<String> args, String stdin) {
                org.pkttables.api.CommandExtension c = commands.command(command);
                return c == null ? new Result(127, "", command + ": no such command\n") : c.run(command, args, stdin, org.pkttables.api.CallerFiles.local());
            }
        };
    }

    private long frontendGeneration() {
        org.osgi.framework.ServiceReference<org.pkttables.api.Ruleset> ref =
                context.getServiceReference(org.pkttables.api.Ruleset.class);
        if (ref == null) {
            return 0;
        }
        org.pkttables.api.Ruleset r = context.getService(ref);
        try {
            return r == null ? 0 : r.generation();
        } finally {
            context.ungetService(ref);
        }
    }

    /**
     * Rules at start: the config script when one is given (it replaces the saved state), else the state.
     * Whatever does not load is in the returned state, never an exception: the caller keeps the ports
     * closed then.
     */
    private BootState loadRules() {
        Path config = settings.config();
        if (config != null) {
            BootState b = new BootState("config " + config);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(config);
            } catch (IOException e) {
                b.closed("cannot read " + config + ": " + e);
                return b;
            }
            try {
                List<Script.Failure> failed = Script.run(config.toString(),
                        StrictUtf8Lines.lines(config.toString(), bytes), config.getParent(), router,
                        new StreamOutput(System.out, System.err));
                for (Script.Failure f : failed) {
                    b.closed(config + ": " + f);
                }
            } catch (IOException e) {
                b.closed(config + ": " + e);
            }
            return b;
        }
        if (journaled != null) {
            return journaled.restore();
        }
        return new BootState("nothing (no state directory, no config)");
    }

    /**
     * SIGHUP: runs the {@code --config} script again, all or nothing ({@link ConfigReload}); says the
     * outcome on the console and to systemd. A boot that failed closed is not reopened by a reload.
     */
    private void reload() {
        synchronized (reloading) {
            reloadNow();
        }
    }

    private void reloadNow() {
        SystemdService sd = systemd;
        try {
            if (sd != null) {
                sd.reloading();
            }
            String outcome;
            if (settings.config() == null) {
                outcome = "reload: nothing to reload (the appliance was started without --config)";
            } else if (boot == null || !boot.portsMayOpen()) {
                outcome = "reload FAILED: the boot failed closed (see status); restart the appliance instead";
            } else {
                outcome = new ConfigReload(settings.config(), frontend).reload();
                HistoryRecorder h = history;
                if (h != null) {
                    h.committed(Caller.self("reload " + settings.config()), currentGeneration());
                }
            }
            LOG.log(outcome.startsWith("reload FAILED") ? System.Logger.Level.ERROR : System.Logger.Level.INFO, outcome);
            if (sd != null) {
                sd.reloaded(outcome);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "telling systemd about the reload: " + e.getMessage());
        }
    }

    /** Blocks a command until its generation is saved, or says why it is not. */
    private void awaitDurable(long generation) throws IOException, InterruptedException {
        if (persisting) {
            saver.await(generation);
        } else if (boot != null && !boot.portsMayOpen()) {
            throw new IOException("the boot failed closed, so nothing is saved (see status); the change is in "
                    + "memory only");
        }
    }

    /** One group commit (a journal append, or a checkpoint); returns the generation now on disk. */
    private long save() throws IOException {
        try {
            return journaled.flush();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "state not saved to " + state.dir() + ": " + e.getMessage());
            throw e;
        }
    }

    private long currentGeneration() {
        Ruleset rs = ruleset;
        return rs != null ? rs.generation() : frontendGeneration();
    }

    /**
     * Runs {@code task} while no commit can happen: holds an open transaction that has touched a table,
     * which holds the ruleset's writer lock until it is closed (rolled back, nothing changed).
     */
    private <T> T quiesced(java.util.concurrent.Callable<T> task) throws Exception {
        org.osgi.framework.ServiceReference<Ruleset> ref = context.getServiceReference(Ruleset.class);
        Ruleset rs = ref == null ? null : context.getService(ref);
        if (rs == null) {
            return task.call(); // no ruleset service: nothing commits
        }
        try (org.pkttables.api.Transaction tx = rs.begin()) {
            for (org.pkttables.api.Family f : org.pkttables.api.Family.values()) {
                List<String> tables = rs.tables(f);
                if (!tables.isEmpty()) {
                    try {
                        tx.zero(f, tables.get(0), " pkttables-quiesce ", 1);
                        throw new IllegalStateException("no chain named ' pkttables-quiesce ' expected");
                    } catch (org.pkttables.api.RulesetException expected) {
                        // The table was opened for the transaction (writer lock held); the chain is not there.
                    }
                    break;
                }
            }
            return task.call();
        } finally {
            context.ungetService(ref);
        }
    }

    private int runBatch() throws IOException {
        byte[] bytes;
        Path base;
        String source;
        if (settings.batch().equals("-")) {
            bytes = System.in.readAllBytes();
            base = Path.of("").toAbsolutePath();
            source = "<stdin>";
        } else {
            Path file = Path.of(settings.batch()).toAbsolutePath();
            bytes = Files.readAllBytes(file);
            base = file.getParent();
            source = file.toString();
        }
        // Strict UTF-8 line by line: a line that is not fails (named), the others run.
        List<Script.Failure> failed = Script.run("batch", StrictUtf8Lines.lines(source, bytes), base, router,
                new StreamOutput(System.out, System.err), Boolean.parseBoolean(context.getProperty(BATCH_STOP)));
        if (failed.isEmpty()) {
            return 0;
        }
        System.err.println("batch: " + failed.size() + " command(s) failed, on line(s) "
                + failed.stream().map(f -> Integer.toString(f.line())).collect(Collectors.joining(", ")));
        return 1;
    }

    private void stopFramework() {
        try {
            context.getBundle(0).stop();
        } catch (BundleException | IllegalStateException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot stop the framework: " + e.getMessage());
        }
    }
}
