package org.pkttables.io.bridge;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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
import org.pcap4j.core.Pcaps;
import org.pkttables.api.Ruleset;
import org.pkttables.io.mode.BridgeControl;
import org.pkttables.io.mode.ModeControl;
import org.pkttables.io.mode.RunningMode;
import org.pkttables.io.workers.ModeRuntime;
import org.pkttables.io.workers.Worker;
import org.pkttables.io.workers.WorkerCount;

/**
 * Bridge mode: runs a {@link Bridge} over the ports named by ConfigAdmin (pid
 * {@code org.pkttables.io.bridge}, {@code ports=IF1,IF2}) or, without such a configuration, by the
 * system property {@code pkttables.bridge} ({@code bin/pkttables run --bridge IF1,IF2}), else by the
 * {@code mode bridge IF1,IF2} command. A changed configuration restarts the bridge, except a change of
 * the br_netfilter switches {@code call-iptables}, {@code call-ip6tables}, {@code call-arptables} alone,
 * which the running bridge takes. Without ports, nothing is attached; ports open only once the saved
 * or configured rules are loaded.
 */
// The component keeps the name it had in io.wire (its DS name; the configuration pid is PID).
@Component(name = "org.pkttables.io.wire.BridgeComponent", service = {BridgeControl.class, ModeControl.class},
        immediate = true,
        configurationPid = BridgeComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = BridgeComponent.Config.class)
public final class BridgeComponent extends RunningMode {
    private static final System.Logger LOG = System.getLogger("org.pkttables.io");
    public static final String PID = "org.pkttables.io.bridge";

    @ObjectClassDefinition(id = "org.pkttables.io.wire.BridgeComponent$Config", name = "pkttables bridge", description = "Bump-in-the-wire bridge over live ports")
    public @interface Config {
        @AttributeDefinition(description = "Interfaces to bridge, IF1,IF2[,...] (no addresses on them); "
                + "empty: the system property pkttables.bridge, or no bridge")
        String[] ports() default {};

        @AttributeDefinition(description = "Worker threads (0: pkttables.bridge.workers, else the default "
                + "for the cores and ports: 1, run on the capture thread, on up to 2 cores)")
        int workers() default 0;

        @AttributeDefinition(description = "Forwarding database ageing time in seconds")
        int ageing() default 300;

        @AttributeDefinition(description = "call-iptables: bridged IPv4 passes the ipv4 family's "
                + "hooks (net.bridge.bridge-nf-call-iptables)")
        boolean call$_$iptables() default true;

        @AttributeDefinition(description = "call-ip6tables: bridged IPv6 passes the ipv6 family's "
                + "hooks (net.bridge.bridge-nf-call-ip6tables)")
        boolean call$_$ip6tables() default true;

        @AttributeDefinition(description = "call-arptables: bridged ARP passes the arp family's "
                + "FORWARD (net.bridge.bridge-nf-call-arptables)")
        boolean call$_$arptables() default true;
    }

    private final Ruleset ruleset;
    private volatile org.pkttables.api.RulesetLoaded loaded;
    private Bridge bridge;
    private String problem;
    private BridgeSettings current;
    /** Set by the {@code mode bridge} command; used when neither ConfigAdmin nor the command line names ports. */
    private BridgeSettings commanded;
    private Config config;

    @Activate
    public BridgeComponent(@Reference Ruleset ruleset, Config config) {
        this.ruleset = ruleset;
        apply(config);
    }

    /** Ports open only once the saved rules are in (no fail-open window at boot). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    public void bindLoaded(org.pkttables.api.RulesetLoaded l) {
        loaded = l;
        synchronized (this) {
            if (bridge == null && current != null) {
                current = null; // start what was waiting
                apply(config);
            }
        }
    }

    public void unbindLoaded(org.pkttables.api.RulesetLoaded l) {
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
        stopBridge();
    }

    private synchronized void apply(Config config) {
        this.config = config;
        BridgeSettings next;
        try {
            next = settings(config);
            if (next == null && commanded != null) {
                next = commanded = commanded.withCalls(config.call$_$iptables(), config.call$_$ip6tables(),
                        config.call$_$arptables());
            }
        } catch (IllegalArgumentException e) {
            problem = "bridge configuration rejected: " + e.getMessage();
            LOG.log(System.Logger.Level.ERROR, problem);
            return;
        }
        if (next != null && bridge != null && next.sameAttachment(current)) {
            // Only the call-* switches (if anything) changed: the running bridge takes them as they are.
            bridge.calls(next);
            current = next;
            return;
        }
        stopBridge();
        current = next;
        problem = null;
        if (next == null || loaded == null) {
            return;
        }
        try {
            bridge = Bridge.start(next, ruleset);
        } catch (IOException | RuntimeException | LinkageError e) {
            problem = "bridge not started: " + e.getMessage();
            LOG.log(System.Logger.Level.ERROR, problem);
        }
    }

    private void stopBridge() {
        if (bridge != null) {
            bridge.stop();
            bridge = null;
        }
    }

    /** The settings from ConfigAdmin, else the system properties; null when no ports are named. */
    public static BridgeSettings settings(Config config) {
        List<String> ports = new ArrayList<>();
        for (String s : config.ports()) {
            ports.addAll(BridgeSettings.parsePorts(s));
        }
        if (ports.isEmpty()) {
            ports = BridgeSettings.parsePorts(System.getProperty("pkttables.bridge"));
        }
        if (ports.isEmpty()) {
            return null;
        }
        WorkerCount workers = config.workers() != 0
                ? WorkerCount.explicit(config.workers(), "configuration pid " + PID)
                : WorkerCount.unlessGiven(ports.size());
        return new BridgeSettings(ports, workers, config.ageing(), config.call$_$iptables(), config.call$_$ip6tables(),
                config.call$_$arptables());
    }

    @Override
    protected ModeRuntime runtime() {
        return bridge;
    }

    @Override
    protected String idle() {
        String lib;
        try {
            lib = Pcaps.libVersion();
        } catch (RuntimeException | LinkageError e) {
            lib = "libpcap not loadable: " + e;
        }
        return (problem != null ? problem : "no bridge: start with `run --bridge IF1,IF2' or configure pid " + PID
                + " (ports=IF1,IF2)") + "\n" + lib + "\n";
    }

    @Override
    public String mode() {
        return "bridge";
    }

    @Override
    public synchronized void start(List<String> ports, int workers) {
        commanded = new BridgeSettings(ports, workers == 0 ? WorkerCount.unlessGiven(ports.size())
                : WorkerCount.explicit(workers, "mode --workers"), config.ageing(),
                config.call$_$iptables(), config.call$_$ip6tables(), config.call$_$arptables());
        if (settings(config) != null) {
            throw new IllegalStateException("the bridge's ports come from --bridge or ConfigAdmin pid " + PID);
        }
        apply(config);
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    @Override
    public synchronized void off() {
        commanded = null;
        if (settings(config) == null) {
            apply(config);
        }
    }

    @Override
    public synchronized String status() {
        if (bridge != null) {
            return bridge.status();
        }
        if (problem != null) {
            return problem;
        }
        if (current != null) {
            return "bridge: " + String.join(", ", current.ports()) + " waiting for the rules to be loaded";
        }
        return "no bridge";
    }
}
