package org.pkttables.cli.xtables.impl;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.Family;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.L3Handler;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.TargetType;
import org.pkttables.cli.xtables.IptablesFrontend;
import org.pkttables.tables.engine.Engine;

/**
 * Makes the appliance fast from its first {@code iptables-restore}: once the appliance has started, one thread
 * restores a ruleset of common shapes ({@link WarmupRules}, IPv4 and IPv6) into a scratch core of its own
 * — the same parser, transaction, compiler, loop check and classifier code as the live core, with the same
 * extensions, nothing shared but their stateless types — and saves it, a few rounds, so the JIT has
 * compiled the restore path before an operator or a boot script needs it (a first restore of 100k rules
 * costs several times a warm one otherwise). The live ruleset, its listeners, history and journal never
 * see it. {@code -Dpkttables.warmup=false} turns it off.
 */
@Component(immediate = true)
public final class RestoreWarmup {
    private static final System.Logger LOG = System.getLogger("org.pkttables.cli.xtables");
    static final String PROPERTY = "pkttables.warmup";
    /**
     * The warm-up begins once the framework has started and no extension type has come or gone for this
     * long (the appliance's bundles are up: a restore then uses every extension the live core has).
     */
    static final long QUIET_MILLIS = 2000;
    /** It gives up waiting for that after this long (a machine so loaded the warm-up would not help). */
    static final long MAX_WAIT_MILLIS = 120_000;
    static final int ROUNDS = 4;
    static final int CHAINS = 100;
    static final int PER_CHAIN = 50;

    private final List<L3Handler> handlers = new CopyOnWriteArrayList<>();
    private final List<Object> types = new CopyOnWriteArrayList<>();
    private Thread thread;
    private BundleContext context;
    /** When an extension type or handler last came or went (System.nanoTime). */
    private volatile long lastChange = System.nanoTime();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addHandler(L3Handler h) {
        handlers.add(h);
        changed();
    }

    void removeHandler(L3Handler h) {
        handlers.remove(h);
        changed();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addMatch(MatchType t) {
        types.add(t);
        changed();
    }

    void removeMatch(MatchType t) {
        types.remove(t);
        changed();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addTarget(TargetType t) {
        types.add(t);
        changed();
    }

    void removeTarget(TargetType t) {
        types.remove(t);
        changed();
    }

    private void changed() {
        lastChange = System.nanoTime();
    }

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        String p = context.getProperty(PROPERTY);
        if (p != null && p.equalsIgnoreCase("false")) {
            return;
        }
        thread = new Thread(this::run, "pkttables-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    @Deactivate
    void deactivate() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        try {
            if (!settled()) {
                LOG.log(System.Logger.Level.DEBUG, "restore warm-up skipped: the appliance did not settle within "
                        + MAX_WAIT_MILLIS / 1000 + " s");
                return;
            }
            long t0 = System.nanoTime();
            int rules = warm(ROUNDS);
            LOG.log(System.Logger.Level.INFO, "restore path warmed up: " + rules + " rules restored in a scratch core in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms (" + handlers.size() + " families, "
                    + types.size() + " extensions)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The warm-up only saves time: a failure here changes nothing for the live ruleset.
            LOG.log(System.Logger.Level.DEBUG, "restore warm-up stopped: " + e);
        }
    }

    /** Waits until the framework has started and the extensions have stopped coming; false after the maximum. */
    private boolean settled() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);
        while (System.nanoTime() - end < 0) {
            Thread.sleep(250);
            boolean started = context.getBundle(0).getState() == org.osgi.framework.Bundle.ACTIVE;
            if (started && System.nanoTime() - lastChange > TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS)) {
                return true;
            }
        }
        return false;
    }

    /** Restores and saves the warm-up rulesets {@code rounds} times; the rules restored in all. */
    int warm(int rounds) throws InterruptedException {
        Engine e = Engine.create();
        e.setRebuildExecutor(Runnable::run);
        for (L3Handler h : handlers) {
            e.register(h);
        }
        for (Object t : types) {
            e.register(t);
        }
        IptablesFrontend f = new IptablesFrontend(e.ruleset(), e.registry(), e.tools());
        int rules = 0;
        for (int r = 0; r < rounds; r++) {
            for (Family family : new Family[] { Family.IPV4, Family.IPV6 }) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (e.tools().handler(family) == null) {
                    continue;
                }
                String text = WarmupRules.text(family, CHAINS, PER_CHAIN,
                        name -> e.registry().find(family, ExtensionDescriptor.Kind.MATCH, name) != null
                                || e.registry().find(family, ExtensionDescriptor.Kind.TARGET, name) != null);
                String tool = family == Family.IPV6 ? "ip6tables" : "iptables";
                CommandFrontend.Result res = f.run(tool + "-restore", List.of(), text);
                if (res.exit() != 0) {
                    throw new IllegalStateException(tool + "-restore of the warm-up rules failed: " + res.err());
                }
                f.run(tool + "-save", List.of(), "");
                rules += CHAINS * (PER_CHAIN + 1);
            }
        }
        return rules;
    }
}
