package org.pkttables.metrics;

import java.io.IOException;
import java.util.Collection;
import java.util.List;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.Ruleset;
import org.pkttables.api.RulesetListener;
import org.pkttables.conntrack.ConntrackService;
import org.pkttables.ext.ipset.api.SetService;

/**
 * The opt-in Prometheus endpoint: {@code /metrics} in the Prometheus text format, served by the
 * Prometheus Java client's HTTP server on the address of {@code run --metrics [ADDR:]PORT} (framework
 * property {@code pkttables.metrics}) or of ConfigAdmin pid {@code org.pkttables.metrics}
 * ({@code address=[ADDR:]PORT}; the configuration wins). A port alone listens on the loopback address
 * only. Nothing listens when neither is set. The series are built at scrape time ({@link RulesetMetrics},
 * {@link ConntrackMetrics}, {@link SetMetrics}, {@link WireMetrics}, and the JVM's). The command
 * {@code metrics} tells where it listens; {@code metrics --text} prints what a scrape would get.
 */
@Component(service = { CommandExtension.class, RulesetListener.class }, configurationPid = MetricsComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = MetricsComponent.Config.class)
public final class MetricsComponent implements CommandExtension, RulesetListener {
    static final String PID = "org.pkttables.metrics";
    /** The framework property {@code run --metrics} sets. */
    static final String PROPERTY = "pkttables.metrics";

    @ObjectClassDefinition(name = "pkttables metrics", description = "Prometheus /metrics endpoint")
    public @interface Config {
        @AttributeDefinition(description = "[ADDR:]PORT to listen on (a port alone: loopback only); empty: off")
        String address() default "";
    }

    private final Ruleset ruleset;
    private final BundleContext context;
    private final ChangeClock changes = new ChangeClock();
    private final PrometheusRegistry registry = new PrometheusRegistry();
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConntrackService conntrack;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SetService sets;
    private HTTPServer server;
    private MetricsAddress address;
    private String problem;

    @Activate
    public MetricsComponent(@Reference Ruleset ruleset, BundleContext context, Config config) {
        this.ruleset = ruleset;
        this.context = context;
        registry.register(new RulesetMetrics(() -> this.ruleset, changes));
        registry.register(new ConntrackMetrics(() -> conntrack));
        registry.register(new SetMetrics(() -> sets));
        registry.register(new WireMetrics(this::commandJson));
        JvmBasics.register(registry);
        listen(config);
    }

    @Modified
    void modified(Config config) {
        listen(config);
    }

    @Deactivate
    synchronized void deactivate() {
        stop();
    }

    /** (Re)starts the server on the configured address, or stops it when none is configured. */
    private synchronized void listen(Config config) {
        stop();
        String a = config.address().isBlank() ? context.getProperty(PROPERTY) : config.address();
        if (a == null || a.isBlank()) {
            problem = null;
            return;
        }
        try {
            MetricsAddress m = MetricsAddress.parse(a);
            server = HTTPServer.builder().inetAddress(m.address()).port(m.port()).registry(registry).buildAndStart();
            address = new MetricsAddress(m.address(), server.getPort());
            problem = null;
            System.out.println("pkttables: metrics: serving /metrics on http://" + address + "/metrics");
        } catch (IllegalArgumentException | IOException e) {
            problem = "metrics: cannot listen on " + a + ": " + e.getMessage();
            System.err.println("pkttables: " + problem);
        }
    }

    private void stop() {
        if (server != null) {
            server.close();
            server = null;
            address = null;
        }
    }

    @Override
    public void changed(org.pkttables.api.RulesetEvent event) {
        changes.changed(event);
    }

    /** The output of another bundle's command {@code name --json}, or null when none answers it. */
    private String commandJson(String name) {
        Collection<ServiceReference<CommandExtension>> refs;
        try {
            refs = context.getServiceReferences(CommandExtension.class, null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (ServiceReference<CommandExtension> ref : refs) {
            CommandExtension c = context.getService(ref);
            if (c == null) {
                continue;
            }
            try {
                if (c != this && name.equals(c.name())) {
                    CommandFrontend.Result r = c.run(List.of("--json"), "");
                    return r.exit() == 0 ? r.out() : null;
                }
            } finally {
                context.ungetService(ref);
            }
        }
        return null;
    }

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public String help() {
        return "metrics [--text]: where the Prometheus /metrics endpoint listens (run --metrics [ADDR:]PORT, pid "
                + PID + " address=); --text: what a scrape gets";
    }

    @Override
    public CommandFrontend.Result run(List<String> args, String stdin) {
        if (args.equals(List.of("--text"))) {
            try {
                return new CommandFrontend.Result(0, Exposition.text(registry), "");
            } catch (IOException | RuntimeException e) {
                return new CommandFrontend.Result(1, "", "metrics: " + e + "\n");
            }
        }
        if (!args.isEmpty()) {
            return new CommandFrontend.Result(2, "", "usage: " + help() + "\n");
        }
        synchronized (this) {
            if (problem != null) {
                return new CommandFrontend.Result(1, "", problem + "\n");
            }
            return new CommandFrontend.Result(0, address == null ? "metrics: off (run --metrics [ADDR:]PORT, or pid "
                    + PID + " with address=[ADDR:]PORT)\n" : "metrics: http://" + address + "/metrics\n", "");
        }
    }
}
