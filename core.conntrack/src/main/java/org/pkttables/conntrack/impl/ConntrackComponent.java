package org.pkttables.conntrack.impl;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pkttables.api.HookFunction;
import org.pkttables.conntrack.ConntrackEntry;
import org.pkttables.conntrack.ConntrackFilter;
import org.pkttables.conntrack.ConntrackListener;
import org.pkttables.conntrack.ConntrackService;
import org.pkttables.conntrack.ConntrackStats;
import org.pkttables.conntrack.EarlyDropPolicy;

/**
 * The bundle's one stateful component: owns the engine, registers its two hook functions (with the
 * family/hook/priority properties the core reads), runs the sweeping collector once a second, and offers
 * the table as {@link ConntrackService}. Configuration PID {@code org.pkttables.conntrack}: {@code max}
 * (nf_conntrack_max, default 262144) and any timeout name ({@code tcp_timeout_established=3600}).
 */
@Component(service = ConntrackService.class, immediate = true, configurationPid = "org.pkttables.conntrack")
public final class ConntrackComponent implements ConntrackService {
    static final int DEFAULT_MAX = 262144;
    private static final String[] FAMILIES = { "ipv4", "ipv6" };
    private volatile ConntrackEngine engine;
    private final List<ServiceRegistration<?>> regs = new ArrayList<>();
    private ScheduledExecutorService sweeper;
    private final List<ConntrackListener> early = new ArrayList<>();
    /** Helpers bound before activation (DS may bind dynamic references first). */
    private final List<org.pkttables.conntrack.ConntrackHelper> earlyHelpers = new ArrayList<>();
    private final List<org.pkttables.conntrack.ExpectationListener> earlyExpectationListeners = new ArrayList<>();

    @Activate
    void activate(BundleContext bc, Map<String, Object> config) {
        Object max = config.get("max");
        engine = new ConntrackEngine(max == null ? DEFAULT_MAX : Integer.parseInt(max.toString()));
        Object acct = config.get("acct");
        if (acct != null) {
            engine.setAccounting(!acct.toString().equals("0") && !acct.toString().equalsIgnoreCase("false"));
        }
        for (Map.Entry<String, Object> e : config.entrySet()) {
            if (engine.timeouts().containsKey(e.getKey())) {
                engine.setTimeout(e.getKey(), Long.parseLong(e.getValue().toString()));
            }
        }
        engine.setEarlyDropPolicy(dropPolicy);
        engine.setNatPresent(org.pkttables.api.Family.IPV4, natEngines.get(0) > 0);
        engine.setNatPresent(org.pkttables.api.Family.IPV6, natEngines.get(1) > 0);
        synchronized (early) {
            early.forEach(engine::addListener);
            early.clear();
            earlyHelpers.forEach(engine.helperRegistry::add);
            earlyHelpers.clear();
            earlyExpectationListeners.forEach(engine::addExpectationListener);
            earlyExpectationListeners.clear();
        }
        // nf_defrag before raw and conntrack; ipfrag_high_thresh (bytes) and ipfrag_time (s) from the config.
        Object thresh = config.get("ipfrag_high_thresh");
        Object time = config.get("ipfrag_time");
        engine.defrag = new org.pkttables.conntrack.impl.defrag.DefragHook(() -> ruleset,
                number("ipfrag_high_thresh", thresh, org.pkttables.conntrack.impl.defrag.DefragHook.HIGH_THRESH),
                number("ipfrag_time", time, org.pkttables.conntrack.impl.defrag.DefragHook.TIME_SECONDS));
        regs.add(bc.registerService(HookFunction.class, engine.defrag,
                new Hashtable<>(org.pkttables.conntrack.impl.defrag.DefragHook.properties())));
        regs.add(bc.registerService(HookFunction.class, new ConntrackHook(engine),
                new Hashtable<>(ConntrackHook.properties(FAMILIES))));
        regs.add(bc.registerService(HookFunction.class, new ConfirmHook(engine),
                new Hashtable<>(ConfirmHook.properties(FAMILIES))));
        for (boolean destination : new boolean[] { true, false }) {
            regs.add(bc.registerService(HookFunction.class, new NatTableGuard(engine, () -> ruleset),
                    new Hashtable<>(NatTableGuard.properties(destination))));
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "conntrack-gc");
            t.setDaemon(true);
            return t;
        });
        int perTick = Math.max(1024, engine.table.buckets() / 8);
        sweeper.scheduleWithFixedDelay(() -> engine.expire(perTick), 1, 1, TimeUnit.SECONDS);
    }


    /** A whole number from the configuration (pid org.pkttables.conntrack), or {@code dflt} when absent. */
    static long number(String key, Object value, long dflt) {
        if (value == null) {
            return dflt;
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("org.pkttables.conntrack: " + key + " '" + value
                    + "' is not a whole number", e);
        }
    }

    @Deactivate
    void deactivate() {
        sweeper.shutdownNow();
        for (ServiceRegistration<?> r : regs) {
            r.unregister();
        }
        regs.clear();
    }

    /** The early-drop policy service with the highest ranking, if any (else the built-in default). */
    private volatile EarlyDropPolicy dropPolicy;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setEarlyDropPolicy(EarlyDropPolicy p) {
        dropPolicy = p;
        ConntrackEngine e = engine;
        if (e != null) {
            e.setEarlyDropPolicy(p);
        }
    }

    void unsetEarlyDropPolicy(EarlyDropPolicy p) {
        // A greedy replacement binds the new policy before it unbinds the old one: only clear our own.
        if (dropPolicy == p) {
            dropPolicy = null;
            ConntrackEngine e = engine;
            if (e != null) {
                e.setEarlyDropPolicy(null);
            }
        }
    }

    /** The ruleset, for {@link NatTableGuard} (dynamic: a core restart must not restart conntrack). */
    private volatile org.pkttables.api.Ruleset ruleset;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setRuleset(org.pkttables.api.Ruleset r) {
        ruleset = r;
    }

    void unsetRuleset(org.pkttables.api.Ruleset r) {
        if (ruleset == r) {
            ruleset = null;
        }
    }

    /**
     * NAT engines registered now per family (0: IPv4, 1: IPv6); without one, packets of that family's NAT
     * connections are dropped (fail closed).
     */
    private final java.util.concurrent.atomic.AtomicIntegerArray natEngines =
            new java.util.concurrent.atomic.AtomicIntegerArray(2);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addNatTranslator(org.pkttables.conntrack.NatTranslator t) {
        countNatTranslator(t, 1);
    }

    void removeNatTranslator(org.pkttables.conntrack.NatTranslator t) {
        countNatTranslator(t, -1);
    }

    private void countNatTranslator(org.pkttables.conntrack.NatTranslator t, int delta) {
        for (org.pkttables.api.Family f : t.families()) {
            if (f != org.pkttables.api.Family.IPV4 && f != org.pkttables.api.Family.IPV6) {
                continue;
            }
            int n = natEngines.addAndGet(f == org.pkttables.api.Family.IPV4 ? 0 : 1, delta);
            ConntrackEngine e = engine;
            if (e != null) {
                e.setNatPresent(f, n > 0);
            }
        }
    }

    /** The engine, for this bundle's diagnostics commands. */
    ConntrackEngine engine() {
        return engine;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(ConntrackListener l) {
        synchronized (early) {
            if (engine == null) {
                early.add(l);
                return;
            }
        }
        engine.addListener(l);
    }

    void removeListener(ConntrackListener l) {
        synchronized (early) {
            early.remove(l);
        }
        if (engine != null) {
            engine.removeListener(l);
        }
    }

    @Override
    public Optional<ConntrackEntry> lookup(int protocol, InetAddress src, InetAddress dst, int sport, int dport) {
        return engine.lookup(protocol, src, dst, sport, dport);
    }

    @Override
    public List<ConntrackEntry> list(ConntrackFilter filter) {
        return engine.list(filter);
    }

    @Override
    public int count() {
        return engine.count();
    }

    @Override
    public int delete(ConntrackFilter filter) {
        return engine.delete(filter);
    }

    @Override
    public boolean delete(long id) {
        return engine.delete(id);
    }

    @Override
    public int flush(Predicate<ConntrackEntry> predicate) {
        return engine.flush(predicate);
    }

    @Override
    public int flush() {
        return engine.flush();
    }

    @Override
    public ConntrackStats stats() {
        return engine.stats();
    }

    @Override
    public java.util.Map<Integer, java.util.Map<String, Long>> stateCounts() {
        return engine.stateCounts();
    }

    @Override
    public Map<String, Long> timeouts() {
        return engine.timeouts();
    }

    @Override
    public void setTimeout(String name, long seconds) {
        engine.setTimeout(name, seconds);
    }

    @Override
    public int max() {
        return engine.max();
    }

    @Override
    public List<org.pkttables.conntrack.Expectation> expectations() {
        return engine.expectations();
    }

    @Override
    public int flushExpectations() {
        return engine.flushExpectations();
    }

    @Override
    public java.util.Set<String> helpers() {
        return engine.helperRegistry.names();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addHelper(org.pkttables.conntrack.ConntrackHelper h) {
        synchronized (early) {
            if (engine == null) {
                earlyHelpers.add(h);
                return;
            }
        }
        engine.helperRegistry.add(h);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addExpectationListener(org.pkttables.conntrack.ExpectationListener l) {
        synchronized (early) {
            if (engine == null) {
                earlyExpectationListeners.add(l);
                return;
            }
        }
        engine.addExpectationListener(l);
    }

    void removeExpectationListener(org.pkttables.conntrack.ExpectationListener l) {
        synchronized (early) {
            earlyExpectationListeners.remove(l);
        }
        if (engine != null) {
            engine.removeExpectationListener(l);
        }
    }

    void removeHelper(org.pkttables.conntrack.ConntrackHelper h) {
        synchronized (early) {
            earlyHelpers.remove(h);
        }
        if (engine != null) {
            engine.helperRegistry.remove(h);
        }
    }

    @Override
    public Optional<ConntrackEntry> updateMark(long id, int value, int mask) {
        return engine.updateMark(id, value, mask);
    }

    @Override
    public boolean accounting() {
        return engine.accounting();
    }

    @Override
    public void setAccounting(boolean on) {
        engine.setAccounting(on);
    }
}
