package org.pkttables.io.router;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import org.pkttables.api.Ruleset;
import org.pkttables.api.RulesetLoaded;
import org.pkttables.route.InterfaceAddress;
import org.pkttables.route.Route;
import org.pkttables.route.RoutingTable;
import org.pkttables.io.bridge.BridgeSettings;
import org.pkttables.io.mode.BridgeControl;
import org.pkttables.io.mode.ModeControl;
import org.pkttables.io.mode.RunningMode;
import org.pkttables.io.mode.RouterControl;
import org.pkttables.io.workers.ModeRuntime;
import org.pkttables.io.workers.Worker;
import org.pkttables.io.workers.WorkerCount;

/**
 * Router mode: runs a {@link Router} over the ports named by ConfigAdmin (pid
 * {@code org.pkttables.io.router}) or by the {@code mode router IF1,IF2} command (in the
 * {@code --config} script, through {@code ctl}, at the console). A configuration that names
 * {@code addresses}/{@code routes} installs them in the routing table; changing only those does not
 * restart capture. Ports open only once the saved or configured rules are loaded.
 */
// The component keeps the name it had in io.wire (its DS name; the configuration pid is PID).
@Component(name = "org.pkttables.io.wire.RouterComponent", service = {BridgeControl.class, ModeControl.class, RouterControl.class},
        immediate = true,
        configurationPid = RouterComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RouterComponent.Config.class)
public final class RouterComponent extends RunningMode implements RouterControl {
    private static final System.Logger LOG = System.getLogger("org.pkttables.io");
    public static final String PID = "org.pkttables.io.router";

    @ObjectClassDefinition(id = "org.pkttables.io.wire.RouterComponent$Config", name = "pkttables router", description = "Router mode over live ports")
    public @interface Config {
        @AttributeDefinition(description = "Interfaces to route between (no kernel addresses on them)")
        String[] ports() default {};

        @AttributeDefinition(description = "Worker threads (0: run --workers, else the default for the "
                + "cores and ports: 1 on up to 2 cores)")
        int workers() default 0;

        @AttributeDefinition(description = "Neighbour (ARP/ND) entries are forgotten this many seconds after "
                + "their last confirmation")
        int neighbourAgeing() default 60;

        @AttributeDefinition(description = "The appliance's addresses, ADDRESS/LEN dev PORT (an element may list "
                + "several, comma-separated); when given, they and the routes replace the routing table's")
        String[] addresses() default {};

        @AttributeDefinition(description = "Static routes: [blackhole|unreachable|prohibit] PREFIX|default "
                + "[via GW] [dev PORT] [metric N]")
        String[] routes() default {};
    }

    private final Ruleset ruleset;
    private final RoutingTable rt;
    private volatile RulesetLoaded loaded;
    private Router router;
    private RouterSettings desired;
    private String problem;
    private int ageing = 60;

    @Activate
    public RouterComponent(@Reference Ruleset ruleset, @Reference RoutingTable rt, Config config) {
        this.ruleset = ruleset;
        this.rt = rt;
        apply(config);
    }

    /** Ports open only once the rules are in (no fail-open window at boot). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    public void bindLoaded(RulesetLoaded l) {
        loaded = l;
        synchronized (this) {
            reconcile();
        }
    }

    public void unbindLoaded(RulesetLoaded l) {
        if (loaded == l) {
            loaded = null;
        }
    }

    @Modified
    public synchronized void modified(Config config) {
        apply(config);
    }

    @Deactivate
    public synchronized void deactivate() {
        stopRouter();
    }

    private synchronized void apply(Config config) {
        ageing = config.neighbourAgeing();
        try {
            List<String> ports = new ArrayList<>();
            for (String s : config.ports()) {
                ports.addAll(BridgeSettings.parsePorts(s));
            }
            List<InterfaceAddress> addresses = null;
            List<Route> routes = null;
            if (config.addresses().length > 0 || config.routes().length > 0) {
                addresses = new ArrayList<>();
                for (String a : entries(config.addresses())) {
                    addresses.add(RouterSettings.parseAddress(a));
                }
                routes = new ArrayList<>();
                for (String r : entries(config.routes())) {
                    routes.add(RouterSettings.parseRoute(r, addresses));
                }
                // Installed even before the ports are attached, so the table is right from the first packet.
                rt.configure(addresses, routes);
            }
            if (ports.isEmpty()) {
                if (desired == null || desired.addresses() != null) {
                    desired = null; // this configuration names no ports: a `mode router' setting stays
                }
            } else {
                desired = new RouterSettings(ports, config.workers() == 0 ? WorkerCount.unlessGiven(ports.size())
                        : WorkerCount.explicit(config.workers(), "configuration pid " + PID), ageing, addresses, routes);
            }
            problem = null;
        } catch (IllegalArgumentException e) {
            problem = "router configuration rejected: " + e.getMessage();
            LOG.log(System.Logger.Level.ERROR, problem);
            return;
        }
        reconcile();
    }

    /**
     * The entries of a list property; an element may hold several separated by commas, as a FileInstall
     * {@code .cfg} file gives a list ({@code addresses=10.0.1.1/24 dev a, fd00:1::1/64 dev a}).
     */
    public static List<String> entries(String[] values) {
        List<String> l = new ArrayList<>();
        for (String v : values) {
            for (String e : v.split(",")) {
                if (!e.isBlank()) {
                    l.add(e.trim());
                }
            }
        }
        return l;
    }

    /** Brings the running router in line with {@link #desired}. */
    private void reconcile() {
        RouterSettings next = desired;
        if (next == null) {
            stopRouter();
            return;
        }
        if (router != null && router.settings.sameCapture(next)) {
            return;
        }
        stopRouter();
        if (loaded == null) {
            return; // started by bindLoaded once the rules are in
        }
        try {
            router = Router.start(next, ruleset, rt);
            problem = null;
        } catch (IOException | RuntimeException | LinkageError e) {
            problem = "router not started: " + e.getMessage();
            LOG.log(System.Logger.Level.ERROR, problem);
        }
    }

    private void stopRouter() {
        if (router != null) {
            router.stop();
            router = null;
        }
    }

    @Override
    public String mode() {
        return "router";
    }

    @Override
    public synchronized void start(List<String> ports, int workers) {
        desired = new RouterSettings(ports, workers == 0 ? WorkerCount.unlessGiven(ports.size())
                : WorkerCount.explicit(workers, "mode --workers"), ageing, null, null);
        reconcile();
        if (problem != null && router == null && loaded != null) {
            throw new IllegalStateException(problem);
        }
    }

    @Override
    public synchronized void off() {
        desired = null;
        reconcile();
    }

    @Override
    public synchronized String status() {
        if (router != null) {
            return router.status();
        }
        if (problem != null) {
            return problem;
        }
        if (desired != null) {
            return "router: " + String.join(", ", desired.ports()) + " waiting for the rules to be loaded";
        }
        return "no router: start with `mode router IF1,IF2' (e.g. in the --config script) or configure pid " + PID;
    }

    @Override
    public synchronized String neighbours() {
        return router != null ? router.neighbours() : status() + "\n";
    }

    @Override
    public synchronized List<Map<String, Object>> neighboursData() {
        return router != null ? router.neighboursData() : null;
    }

    @Override
    protected ModeRuntime runtime() {
        return router;
    }

    @Override
    protected String idle() {
        return status() + "\n";
    }
}
