package org.pkttables.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.Ruleset;
import org.pkttables.api.RulesetEvent;
import org.pkttables.api.RulesetListener;

/**
 * The appliance around the core. Once every bundle of the runtime and of the deploy directory has started
 * (so all L3 handlers and extensions the saved rules use are registered, see {@link StartupBarrier}) it
 * loads the rules -- the {@code --config} script, or
 * else the saved state -- then persists every committed change and opens the control socket. In batch
 * mode it runs the script instead and exits the JVM with the script's status.
 */
@Component(service = {}, immediate = true)
public final class Appliance {
    @Reference
    private CommandFrontend frontend;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Ruleset ruleset;

    private BundleContext context;
    private Settings settings;
    private CommandRouter router;
    private StateStore state;
    private CoalescingSaver saver;
    private volatile boolean persisting;
    private volatile ControlServer server;
    private Thread startup;
    private ServiceRegistration<RulesetListener> listener;
    /** SIGTERM does not stop the framework: still remove the socket and write the last state. */
    private final Thread shutdownHook = new Thread(this::shutdown, "pkttables-shutdown");

    @Activate
    void activate(BundleContext ctx) {
        this.context = ctx;
        this.settings = Settings.from(ctx::getProperty);
        this.router = new CommandRouter(frontend, () -> ruleset, ctx, settings);
        if (settings.state() != null && !settings.batchMode()) {
            state = new StateStore(settings.state());
            saver = new CoalescingSaver(this::save);
        }
        // Registered by hand, not as this component's service: the core binds listeners while it is
        // being activated for our own CommandFrontend reference, and SCR would see a cycle.
        listener = ctx.registerService(RulesetListener.class, this::changed, null);
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
        listener.unregister();
        shutdown();
    }

    private synchronized void shutdown() {
        persisting = false;
        try {
            if (server != null) {
                server.close();
                server = null;
            }
        } catch (IOException e) {
            System.err.println("pkttables: closing the control socket: " + e);
        }
        if (saver != null) {
            try {
                saver.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void changed(RulesetEvent event) {
        if (persisting) {
            saver.request();
        }
        if (router != null) {
            router.publish(event);
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
            loadRules();
            long gen = frontendGeneration();
            context.registerService(org.pkttables.api.RulesetLoaded.class, () -> gen, null);
            if (saver != null) {
                persisting = true;
                saver.request();
            }
            if (settings.socket() != null) {
                server = ControlServer.open(settings.socket(), router, context::getProperty);
                System.out.println("pkttables: control socket " + server.path());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            System.err.println("pkttables: cannot start: " + e.getMessage());
            stopFramework();
        }
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

    /** Rules at start: the config script when one is given (it replaces the saved state), else the state. */
    private void loadRules() throws IOException {
        Path config = settings.config();
        if (config != null) {
            List<Script.Failure> failed = Script.run(config.getFileName().toString(), Files.readString(config),
                    config.getParent(), router, new StreamOutput(System.out, System.err));
            if (!failed.isEmpty()) {
                System.err.println("pkttables: " + config + ": " + failed.size()
                        + " command(s) failed, the others are in effect");
            }
        } else if (state != null) {
            for (String problem : state.restore(frontend)) {
                System.err.println("pkttables: " + problem);
            }
        }
    }

    private void save() {
        try {
            for (String problem : state.save(frontend)) {
                System.err.println("pkttables: state not saved: " + problem);
            }
        } catch (IOException e) {
            System.err.println("pkttables: cannot write state to " + state.dir() + ": " + e);
        }
    }

    private int runBatch() throws IOException {
        String text;
        Path base;
        if (settings.batch().equals("-")) {
            text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            base = Path.of("").toAbsolutePath();
        } else {
            Path file = Path.of(settings.batch()).toAbsolutePath();
            text = Files.readString(file);
            base = file.getParent();
        }
        List<Script.Failure> failed = Script.run("batch", text, base, router, new StreamOutput(System.out, System.err));
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
            System.err.println("pkttables: cannot stop the framework: " + e.getMessage());
        }
    }
}
