package org.pkttables.tables.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import org.pkttables.api.ExtensionFault;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;

/**
 * Extensions that threw on the packet path: the packet was dropped, and here it is counted (per worker;
 * per rule in the {@link CounterBank}, next to the rule's counters; per hook function and L3 handler
 * here), remembered (each worker's latest, each site's last error) and logged without a storm: the
 * first fault of a rule or function with its stack trace, then at most one summary line per
 * {@link #LOG_INTERVAL_NS} with how many more there were.
 *
 * <p>This is the fault path only: the normal path never reaches it. It may allocate a little (the
 * site on first use, a boxed key): the extension that threw has just allocated an exception with a
 * stack trace anyway. It takes no lock.
 */
final class Faults {
    static final long LOG_INTERVAL_NS = 10_000_000_000L;

    /** Where faults are logged: a message, and the throwable for the first one of a site (else null). */
    interface Log {
        void log(String message, Throwable firstOccurrence);
    }

    private final PerWorkerCount total = new PerWorkerCount();
    private final Map<Object, Site> sites = new ConcurrentHashMap<>();
    /** Per worker: the site of its latest fault and what was thrown. */
    private final AtomicReferenceArray<Site> lastSite = new AtomicReferenceArray<>(PacketContext.MAX_WORKERS);
    private final AtomicReferenceArray<Throwable> lastError = new AtomicReferenceArray<>(PacketContext.MAX_WORKERS);
    private volatile LongSupplier clock;
    private final long intervalNs;
    private volatile Log log;

    Faults(Log log, LongSupplier clock, long intervalNs) {
        this.log = log;
        this.clock = clock;
        this.intervalNs = intervalNs;
    }

    /** Where the log goes and the clock its interval is measured with (tests). */
    void setLog(Log l, LongSupplier clock) {
        this.log = l;
        this.clock = clock;
    }

    /** One rule or hook function that threw, with its logging state. */
    static final class Site {
        final Family family;
        /** For a rule: its table, its chain when it first threw, handle and counter id; else null / -1. */
        final String table;
        final String chain;
        final long handle;
        final int counterId;
        final String extension;
        /** Where it was when it first threw, for the log. */
        final String where;
        /** Faults of a hook function or handler (a rule's are in the CounterBank). */
        final LongAdder count = new LongAdder();
        final LongAdder unlogged = new LongAdder();
        final AtomicBoolean logged = new AtomicBoolean();
        final AtomicLong nextSummary = new AtomicLong();
        volatile Throwable last;

        Site(Family family, String table, String chain, long handle, int counterId, String extension,
                String where) {
            this.where = where;
            this.family = family;
            this.table = table;
            this.chain = chain;
            this.handle = handle;
            this.counterId = counterId;
            this.extension = extension;
        }

        boolean isRule() {
            return counterId >= 0;
        }
    }

    /** A rule's match or target threw on {@code p}: counted, logged, and the packet is dropped. */
    int rule(TableState t, ChainState c, int index, RuleEntry r, PacketContext p, Throwable thrown,
            CounterBank counters) {
        int w = p.worker();
        counters.addFault(w, r.counterId);
        int match = thrown instanceof ExtensionFailure ? ((ExtensionFailure) thrown).match : Integer.MIN_VALUE;
        Throwable cause = ExtensionFailure.cause(thrown);
        Integer key = r.counterId;
        Site s = sites.get(key);
        if (s == null || s.handle != r.handle || s.family != t.family || !s.table.equals(t.def.name())) {
            // First fault of this rule (or of an earlier rule that had the same counter id).
            String ext = match == Integer.MIN_VALUE ? "the evaluator" : r.extension(match, t.family.id());
            s = new Site(t.family, t.def.name(), c.name, r.handle, r.counterId, ext,
                    t.family.id() + " " + t.def.name() + " " + c.name + " rule " + (index + 1));
            sites.put(key, s);
        }
        record(s, w, cause);
        return Verdict.DROP;
    }

    /** The evaluator itself failed in chain {@code c} outside any rule (a bug of the core, not of an extension). */
    int chain(TableState t, ChainState c, PacketContext p, Throwable thrown) {
        Site s = sites.get(c);
        if (s == null) {
            s = new Site(t.family, null, c.name, 0, -1, "the evaluator",
                    t.family.id() + " " + t.def.name() + " " + c.name);
            Site had = sites.putIfAbsent(c, s);
            s = had != null ? had : s;
        }
        s.count.increment();
        record(s, p.worker(), ExtensionFailure.cause(thrown));
        return Verdict.DROP;
    }

    /** A hook function (or, for a bug, a table's evaluation) threw on {@code p}. */
    int hook(Family f, HookEntry e, PacketContext p, Throwable thrown) {
        Object key = e.function != null ? e.function : e;
        Site s = sites.get(key);
        if (s == null) {
            s = new Site(f, null, p.hook() == null ? null : p.hook().name(), 0, -1,
                    e.function != null ? "hook function " + e.name : "table " + e.name, f.id() + " " + p.hook());
            Site had = sites.putIfAbsent(key, s);
            s = had != null ? had : s;
        }
        s.count.increment();
        record(s, p.worker(), ExtensionFailure.cause(thrown));
        return Verdict.DROP;
    }

    /** The family's L3 handler threw parsing {@code p}. */
    void parse(Family f, Object handler, PacketContext p, Throwable thrown) {
        Site s = sites.get(handler);
        if (s == null) {
            s = new Site(f, null, null, 0, -1, "L3 handler " + handler.getClass().getName(), "parsing " + f.id());
            Site had = sites.putIfAbsent(handler, s);
            s = had != null ? had : s;
        }
        s.count.increment();
        record(s, p.worker(), thrown);
    }

    private void record(Site s, int worker, Throwable cause) {
        total.increment(worker);
        s.last = cause;
        lastSite.lazySet(worker, s);
        lastError.lazySet(worker, cause);
        long now = clock.getAsLong();
        Log l = log;
        if (!s.logged.get() && s.logged.compareAndSet(false, true)) {
            s.nextSummary.set(now + intervalNs);
            l.log(s.extension + " threw on a packet (" + s.where + "); the packet was dropped, and every further one "
                    + "it throws on is dropped and counted (status)", cause);
            return;
        }
        s.unlogged.increment();
        long due = s.nextSummary.get();
        if (now - due >= 0 && s.nextSummary.compareAndSet(due, now + intervalNs)) {
            long n = s.unlogged.sumThenReset();
            l.log(s.extension + " (" + s.where + "): " + n + " more packet" + (n == 1 ? "" : "s")
                    + " dropped because it threw in the last " + (intervalNs / 1_000_000_000L) + " s; last: " + cause,
                    null);
        }
    }

    long total() {
        return total.total();
    }

    long total(int worker) {
        return total.get(worker);
    }

    /** The faults of rules still in {@code live}, then those of hook functions and handlers. */
    List<ExtensionFault> list(TableState[][] live, CounterBank counters) {
        List<ExtensionFault> out = new ArrayList<>();
        for (TableState[] family : live) {
            for (TableState t : family) {
                for (ChainState c : t.slots) {
                    if (c == null) {
                        continue;
                    }
                    for (int i = 0; i < c.rules.length; i++) {
                        RuleEntry r = c.rules[i];
                        Site s = sites.get(r.counterId);
                        if (s == null || s.handle != r.handle || s.family != t.family
                                || !s.table.equals(t.def.name())) {
                            continue;
                        }
                        long n = counters.faults(r.counterId);
                        if (n > 0) {
                            out.add(new ExtensionFault(t.family, t.def.name(), c.name, i + 1, s.extension, n,
                                    String.valueOf(s.last)));
                        }
                    }
                }
            }
        }
        for (Site s : sites.values()) {
            if (!s.isRule()) {
                out.add(new ExtensionFault(s.family, null, s.chain, 0, s.extension, s.count.sum(),
                        String.valueOf(s.last)));
            }
        }
        return out;
    }

    /** The latest fault of one worker, with the rule's position as it is now. */
    ExtensionFault last(int worker, TableState[][] live) {
        if (worker < 0 || worker >= PacketContext.MAX_WORKERS) {
            return null;
        }
        Site s = lastSite.get(worker);
        Throwable e = lastError.get(worker);
        if (s == null) {
            return null;
        }
        String chain = s.chain;
        int rule = 0;
        if (s.isRule()) {
            chain = null;
            for (TableState t : live[s.family.ordinal()]) {
                if (!t.def.name().equals(s.table)) {
                    continue;
                }
                for (ChainState c : t.slots) {
                    for (int i = 0; c != null && i < c.rules.length; i++) {
                        if (c.rules[i].handle == s.handle) {
                            chain = c.name;
                            rule = i + 1;
                        }
                    }
                }
            }
            if (chain == null) {
                chain = s.chain;
            }
        }
        return new ExtensionFault(s.family, s.table, chain, rule, s.extension, 1, String.valueOf(e));
    }
}
