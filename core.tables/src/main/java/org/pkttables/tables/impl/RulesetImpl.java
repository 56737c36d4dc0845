package org.pkttables.tables.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;

import org.pkttables.api.ChainInfo;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.HookFunction;
import org.pkttables.api.PacketContext;
import org.pkttables.api.RuleInfo;
import org.pkttables.api.RuleSpec;
import org.pkttables.api.Ruleset;
import org.pkttables.api.RulesetEvent;
import org.pkttables.api.RulesetException;
import org.pkttables.api.RulesetListener;
import org.pkttables.api.TableInfo;
import org.pkttables.api.Transaction;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.L3Handler;
import org.pkttables.api.ext.TableDescriptor;

/**
 * The live ruleset. Readers (the packet path, listings) take one volatile read of {@link #live} and
 * work on immutable tables; writers go through {@link TransactionImpl} under {@link #writeLock} and
 * publish a whole new generation at once. The control plane around it has its own rooms: the hook
 * steps in {@link HookPipeline}, background classifier rebuilds in {@link ClassifierRebuilder},
 * extensions coming and going in {@link ExtensionRebinder}.
 */
final class RulesetImpl implements Ruleset {
    private static final System.Logger LOG = System.getLogger("org.pkttables.core.tables");
    private static final int FAMILIES = Family.values().length;

    final ReentrantLock writeLock = new ReentrantLock();
    final CounterBank counters = new CounterBank();
    final RuleCompiler compiler;
    private final PerWorkerCount failClosed = new PerWorkerCount();
    /** Extensions that threw on the packet path (counted, logged with a rate limit). */
    final Faults faults = new Faults((msg, first) -> {
        if (first != null) {
            LOG.log(System.Logger.Level.WARNING, msg, first);
        } else {
            LOG.log(System.Logger.Level.WARNING, msg);
        }
    }, System::nanoTime, Faults.LOG_INTERVAL_NS);
    /** [family]: the tables its L3 handler contributed, in the order of {@link #live}; none before one came. */
    private volatile List<TableDescriptor>[] defs;
    private final List<RulesetListener> listeners = new CopyOnWriteArrayList<>();
    private final List<org.pkttables.api.TraceListener> traceListeners = new CopyOnWriteArrayList<>();
    /** Turns the steps of traced packets into events for the trace listeners (never on untraced packets). */
    private final ChainEvaluator.Tracer tracer = new ChainEvaluator.Tracer() {
        @Override
        public void rule(TableState t, ChainState c, int index, RuleEntry r, PacketContext p) {
            emit(new org.pkttables.api.TraceEvent(p.traceId(), t.family, p.hook(), t.def.name(), c.name, index + 1,
                    RuleText.of(r, s -> t.slots[s] == null ? "?" : t.slots[s].name, targetFirst(t.family)), p.mark()));
        }

        @Override
        public void policy(TableState t, ChainState c, PacketContext p) {
            emit(new org.pkttables.api.TraceEvent(p.traceId(), t.family, p.hook(), t.def.name(), c.name, 0,
                    Verdict.name(c.policy), p.mark()));
        }

        @Override
        public int fault(TableState t, ChainState c, int index, RuleEntry r, PacketContext p, Throwable thrown) {
            if (r == null) {
                return faults.chain(t, c, p, thrown);
            }
            int v = faults.rule(t, c, index, r, p, thrown, counters);
            if (p.traced()) {
                emit(new org.pkttables.api.TraceEvent(p.traceId(), t.family, p.hook(), t.def.name(), c.name, index + 1,
                        faultText(t, r, thrown), p.mark()));
            }
            return v;
        }
    };

    /** {@code match faulty threw java.lang.IllegalStateException: boom; packet dropped} (fault path, explain). */
    static String faultText(TableState t, RuleEntry r, Throwable thrown) {
        int m = thrown instanceof ExtensionFailure ? ((ExtensionFailure) thrown).match : Integer.MIN_VALUE;
        return (m == Integer.MIN_VALUE ? "the evaluator" : r.extension(m, t.family.id())) + " threw "
                + ExtensionFailure.cause(thrown) + "; packet dropped";
    }

    /** [family][table index]; replaced as a whole on every commit. */
    private volatile TableState[][] live;
    /** The steps of every hook: hooked tables and hook functions, by priority. */
    private final HookPipeline pipeline;
    private final ClassifierRebuilder rebuilder = new ClassifierRebuilder(this);
    private final ExtensionRebinder rebinder;
    /** [family]: the L3 handler in use, null when none is registered. */
    private volatile L3Handler[] handlers = new L3Handler[FAMILIES];
    private volatile long generation;
    /**
     * Walks the tables for each packet. Linear: every chain is walked rule by rule (the reference
     * interpreter) instead of through its classifier; for differential tests and benchmarks,
     * {@code -Dpkttables.linear=true} sets it.
     */
    private volatile ChainEvaluator evaluator = new ChainEvaluator(counters, failClosed,
            Boolean.getBoolean("pkttables.linear"), tracer);

    @SuppressWarnings("unchecked")
    RulesetImpl(ExtensionRegistryImpl registry) {
        this.compiler = new RuleCompiler(registry);
        List<TableDescriptor>[] d = new List[FAMILIES];
        TableState[][] t = new TableState[FAMILIES][];
        for (Family f : Family.values()) {
            d[f.ordinal()] = List.of();
            t[f.ordinal()] = new TableState[0];
        }
        defs = d;
        live = t;
        pipeline = new HookPipeline(d);
        rebinder = new ExtensionRebinder(this, registry);
    }

    /** A family's first handler brings its tables; they stay, with their rules, while it is away. */
    private void addTables(Family f, L3Handler h) {
        List<TableDescriptor> d = FamilyTables.of(f, h, LOG);
        if (d == null) {
            return;
        }
        writeLock.lock();
        try {
            // The tables before their descriptors and hook steps: a reader that sees a step finds its table.
            TableState[][] next = live.clone();
            next[f.ordinal()] = FamilyTables.empty(f, d, counters);
            live = next;
            List<TableDescriptor>[] nd = defs.clone();
            nd[f.ordinal()] = d;
            defs = nd;
            pipeline.setTables(nd);
        } finally {
            writeLock.unlock();
        }
    }

    // ---- reading ----

    TableState live(Family f, String table) {
        List<TableDescriptor> d = defs[f.ordinal()];
        for (int i = 0; i < d.size(); i++) {
            if (d.get(i).name().equals(table)) {
                return live[f.ordinal()][i];
            }
        }
        return null;
    }

    @Override
    public long generation() {
        return generation;
    }

    @Override
    public List<String> tables(Family f) {
        List<String> out = new ArrayList<>();
        for (TableDescriptor d : defs[f.ordinal()]) {
            out.add(d.name());
        }
        return out;
    }

    /** Tables in use (configured at least once), as iptables-nft lists them in save. */
    List<String> usedTables(Family f) {
        List<String> out = new ArrayList<>();
        TableState[] ts = live[f.ordinal()];
        for (TableState t : ts) {
            if (t.used) {
                out.add(t.def.name());
            }
        }
        return out;
    }

    @Override
    public TableInfo table(Family f, String table) throws RulesetException {
        long gen;
        TableState t;
        // One consistent generation: read the generation before and after the table.
        do {
            gen = generation;
            t = live(f, table);
        } while (gen != generation);
        if (t == null) {
            throw FamilyTables.noSuchTable(f, table, tables(f));
        }
        final TableState ts = t;
        List<ChainInfo> chains = new ArrayList<>();
        // Built-in chains in hook order, then user chains by name, as iptables-nft lists them.
        List<Map.Entry<String, Integer>> order = new ArrayList<>(t.byName.entrySet());
        order.sort((a, b) -> {
            boolean ba = ts.slots[a.getValue()].builtin;
            boolean bb = ts.slots[b.getValue()].builtin;
            if (ba != bb) {
                return ba ? -1 : 1;
            }
            return ba ? Integer.compare(a.getValue(), b.getValue()) : a.getKey().compareTo(b.getKey());
        });
        for (Map.Entry<String, Integer> e : order) {
            ChainState c = t.slots[e.getValue()];
            List<RuleInfo> rules = new ArrayList<>(c.rules.length);
            for (RuleEntry r : c.rules) {
                String text = RuleText.of(r, s -> ts.slots[s] == null ? "?" : ts.slots[s].name, targetFirst(f));
                rules.add(new RuleInfo(r.handle, text.isEmpty() ? List.of() : DisplayWords.split(text),
                        counters.packets(r.counterId), counters.bytes(r.counterId), r.missing, specWithChainNames(r, ts)));
            }
            long pk = c.policyCounter >= 0 ? counters.packets(c.policyCounter) : 0;
            long by = c.policyCounter >= 0 ? counters.bytes(c.policyCounter) : 0;
            chains.add(new ChainInfo(c.name, c.builtin, c.policy, pk, by, t.refs[e.getValue()], rules));
        }
        return new TableInfo(f, table, gen, chains);
    }

    /** The rule's spec with a jump target named as the chain is called now (renames). */
    private static RuleSpec specWithChainNames(RuleEntry r, TableState t) {
        if (r.jumpSlot < 0 || t.slots[r.jumpSlot] == null || r.spec.target() == null) {
            return r.spec;
        }
        return new RuleSpec(r.spec.base(), r.spec.matches(), new RuleSpec.Call(t.slots[r.jumpSlot].name, List.of()),
                r.spec.gotoChain());
    }

    @Override
    public boolean contains(Family f, String table, String chain, RuleSpec rule) throws RulesetException {
        try (TransactionImpl tx = new TransactionImpl(this, false)) {
            return tx.contains(f, table, chain, rule);
        }
    }

    @Override
    public long failClosedDrops() {
        return failClosed.total();
    }

    @Override
    public long faultDrops() {
        return faults.total();
    }

    @Override
    public long faultDrops(int worker) {
        return faults.total(worker);
    }

    @Override
    public List<org.pkttables.api.ExtensionFault> faults() {
        return faults.list(live, counters);
    }

    @Override
    public org.pkttables.api.ExtensionFault lastFault(int worker) {
        return faults.last(worker, live);
    }

    // ---- writing ----

    @Override
    public Transaction begin() {
        return new TransactionImpl(this, false);
    }

    /** A batch in which rules naming an extension that is not loaded are kept, failing closed. */
    Transaction beginFailClosed() {
        return new TransactionImpl(this, true);
    }

    /** Called by a committing transaction holding the write lock. */
    long publish(Map<String, TableState> changed) {
        for (TableState t : changed.values()) {
            rebuilder.start(t);
        }
        TableState[][] next = live.clone();
        for (Family f : Family.values()) {
            boolean copied = false;
            List<TableDescriptor> d = defs[f.ordinal()];
            for (int i = 0; i < d.size(); i++) {
                TableState t = changed.get(f.id() + "/" + d.get(i).name());
                if (t != null) {
                    if (!copied) {
                        next[f.ordinal()] = next[f.ordinal()].clone();
                        copied = true;
                    }
                    next[f.ordinal()][i] = t;
                }
            }
        }
        live = next;
        return ++generation;
    }

    // ---- background rebuilds of chain classifiers ----

    /** Runs classifier rebuilds off the writer's path; tests replace it to choose when they run. */
    void setRebuildExecutor(Executor e) {
        rebuilder.setExecutor(e);
    }

    /** The live tables of every family ([family][table index]; for the rebuilder and the rebinder). */
    TableState[][] liveAll() {
        return live;
    }

    /**
     * Swaps in tables whose rules and verdicts are the ones live but whose classifiers were rebuilt:
     * a new index only, so no new generation and no events (writer lock held).
     */
    void reindex(TableState[][] next) {
        live = next;
    }

    void announce(List<RulesetEvent> events) {
        for (RulesetEvent e : events) {
            for (RulesetListener l : listeners) {
                try {
                    l.changed(e);
                } catch (RuntimeException ex) {
                    // A broken listener must not stop the others nor the commit that already happened.
                    LOG.log(System.Logger.Level.WARNING, "ruleset listener " + l + " failed on " + e, ex);
                }
            }
        }
    }

    private void emit(org.pkttables.api.TraceEvent e) {
        for (org.pkttables.api.TraceListener l : traceListeners) {
            try {
                l.traced(e);
            } catch (RuntimeException ex) {
                LOG.log(System.Logger.Level.WARNING, "trace listener " + l + " failed", ex);
            }
        }
    }

    void addTraceListener(org.pkttables.api.TraceListener l) {
        traceListeners.add(l);
    }

    void removeTraceListener(org.pkttables.api.TraceListener l) {
        traceListeners.remove(l);
    }

    void addListener(RulesetListener l) {
        listeners.add(l);
    }

    void removeListener(RulesetListener l) {
        listeners.remove(l);
    }

    // ---- extensions coming and going ----

    /** An extension or handler arrived: rules failing closed because of it compile again. */
    void rebind() {
        rebinder.rebind();
    }

    /** An extension left: rules that use it fail closed until it is back. */
    void unbind(String useKey) {
        rebinder.unbind(useKey);
    }

    /** The L3 handler of each family, null where none is registered (set by the rebinder). */
    void setHandlers(L3Handler[] h) {
        for (Family f : Family.values()) {
            if (h[f.ordinal()] != null && defs[f.ordinal()].isEmpty()) {
                addTables(f, h[f.ordinal()]);
            }
        }
        handlers = h;
    }

    // ---- hook pipeline ----

    void addHookFunction(HookFunction fn, Map<String, ?> props) {
        pipeline.add(fn, props);
    }

    void removeHookFunction(HookFunction fn) {
        pipeline.remove(fn);
    }

    /** The steps of one hook (control plane: explain). */
    HookEntry[] steps(Family f, Hook h) {
        return pipeline.steps(f, h);
    }

    /** The live tables of a family (control plane: explain). */
    TableState[] liveTables(Family f) {
        return live[f.ordinal()];
    }

    boolean targetFirst(Family f) {
        L3Handler h = handlers[f.ordinal()];
        return h != null && h.targetFirst();
    }

    // ---- packet path ----

    @Override
    public boolean parse(Family f, PacketContext p, int l3Offset) {
        L3Handler h = handlers[f.ordinal()];
        p.setFamily(f);
        if (h == null) {
            p.setMalformed(true);
            return false;
        }
        try {
            return h.parse(p, l3Offset);
        } catch (Throwable t) {
            // A handler that throws fails closed: the packet is malformed as far as the tables go.
            ExtensionFailure.rethrowFatal(t);
            faults.parse(f, h, p, t);
            p.setMalformed(true);
            return false;
        }
    }

    void setLinear(boolean on) {
        if (evaluator.linear() != on) {
            evaluator = new ChainEvaluator(counters, failClosed, on, tracer);
        }
    }

    @Override
    public int evaluate(String table, PacketContext p) {
        final Family f = p.family();
        if (p.isMalformed()) {
            return Verdict.DROP;
        }
        List<TableDescriptor> d = defs[f.ordinal()];
        for (int i = 0; i < d.size(); i++) {
            if (d.get(i).name().equals(table)) {
                return evaluator.evaluate(live[f.ordinal()][i], p.hook().ordinal(), p);
            }
        }
        return Verdict.ACCEPT;
    }

    @Override
    public void traceStep(PacketContext p, String table, String chain, String text) {
        if (p.traced()) {
            emit(new org.pkttables.api.TraceEvent(p.traceId(), p.family(), p.hook(), table, chain, -1, text, p.mark()));
        }
    }

    @Override
    public int process(PacketContext p) {
        final Family f = p.family();
        final Hook hook = p.hook();
        if (p.isMalformed()) {
            // As ip_rcv: a packet whose headers do not add up never reaches a table.
            return Verdict.DROP;
        }
        final HookEntry[] steps = pipeline.steps(f, hook);
        final TableState[] tables = live[f.ordinal()];
        final int h = hook.ordinal();
        final ChainEvaluator ev = evaluator;
        int i = 0;
        try {
            for (; i < steps.length; i++) {
                HookEntry e = steps[i];
                int v = e.function != null ? e.function.process(p)
                        : ev.evaluate(tables[e.table], h, p);
                if (v != Verdict.ACCEPT) {
                    return v;
                }
            }
        } catch (Throwable t) {
            // A hook function (conntrack, its helpers, NAT) threw; a table's rules catch their own.
            ExtensionFailure.rethrowFatal(t);
            return faults.hook(f, steps[i], p, t);
        }
        return Verdict.ACCEPT;
    }
}
