package org.pkttables.tables.impl;

import java.util.Map;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;

/**
 * One table as the packet path sees it: chains by slot (jumps refer to slots, so a rename or an edit
 * of one chain never touches the others), the built-in chain of each hook, and reference counts.
 * Immutable once published; a transaction builds the next one and the core swaps it in with one
 * volatile write, so readers take no lock.
 */
final class TableState {
    /**
     * Deepest jump nesting the evaluator follows. A commit refuses loops and any table deeper than
     * {@link ChainDepth#MAX_LEVELS} (as nf_tables), so no accepted ruleset comes near this bound.
     */
    static final int MAX_DEPTH = 64;

    final Family family;
    final TableDef def;
    final ChainState[] slots;
    /** Chain name to slot, in creation order (built-ins first). */
    final Map<String, Integer> byName;
    /** Number of rules jumping to each slot. */
    final int[] refs;
    /** Slot of the built-in chain per Hook ordinal, -1 where the table has none. */
    final int[] hookSlot;
    final long nextHandle;
    /** True once anything was configured in it (iptables-nft creates tables on first use). */
    final boolean used;

    TableState(Family family, TableDef def, ChainState[] slots, Map<String, Integer> byName, int[] refs,
            int[] hookSlot, long nextHandle, boolean used) {
        this.family = family;
        this.def = def;
        this.slots = slots;
        this.byName = byName;
        this.refs = refs;
        this.hookSlot = hookSlot;
        this.nextHandle = nextHandle;
        this.used = used;
    }

    /** This table with one slot's chain replaced (nothing else changes). */
    TableState withChain(int slot, ChainState c) {
        ChainState[] s = slots.clone();
        s[slot] = c;
        return new TableState(family, def, s, byName, refs, hookSlot, nextHandle, used);
    }

    ChainState chain(String name) {
        Integer s = byName.get(name);
        return s == null ? null : slots[s];
    }

    /**
     * Hot path: runs the built-in chain of the packet's hook and applies its policy when nothing
     * decided. Returns ACCEPT, DROP, QUEUE or STOLEN.
     */
    int evaluate(int hookOrdinal, PacketContext p, CounterBank counters, PerWorkerCount failClosed,
            boolean linear, Tracer tracer) {
        int slot = hookSlot[hookOrdinal];
        if (slot < 0) {
            return Verdict.ACCEPT;
        }
        ChainState c = slots[slot];
        int v = run(c, p, counters, failClosed, 0, linear, tracer);
        if (v == Verdict.RETURN || v == Verdict.CONTINUE) {
            counters.add(p.worker(), c.policyCounter, countedBytes(p));
            if (p.traced()) {
                tracer.policy(this, c, p);
            }
            return c.policy;
        }
        return v;
    }

    /**
     * The bytes a rule or policy counts: like the kernel (skb->len at the IP and ARP hooks), from the
     * network header on; the Ethernet header is not counted.
     */
    private static int countedBytes(PacketContext p) {
        int l3 = p.l3Offset();
        return l3 < 0 ? p.length() : p.end() - l3;
    }

    /**
     * Runs one chain. With a classifier, only the rules it cannot rule out are visited, in order, and
     * each still runs all its matches: the result and the counters are those of the linear walk
     * ({@code linear}, the reference interpreter the differential test compares with).
     *
     * <p>An extension that throws drops the packet: the innermost chain catches it (so the rule is
     * known), {@link Tracer#fault} counts and reports it, and DROP ends the walk in every caller. The
     * try costs nothing on the normal path.
     */
    private int run(ChainState c, PacketContext p, CounterBank counters, PerWorkerCount failClosed, int depth,
            boolean linear, Tracer tracer) {
        final RuleEntry[] rules = c.rules;
        final ChainClassifier cls = linear ? null : c.classifier;
        int i = -1;
        try {
            for (i = cls == null ? 0 : cls.next(p, 0); i < rules.length; i = cls == null ? i + 1 : cls.next(p, i + 1)) {
                final RuleEntry r = rules[i];
                if (!r.matches(p)) {
                    if (p.hotdropped()) {
                        return Verdict.DROP; // a match could not read a header it needs: as the kernel, drop uncounted
                    }
                    continue;
                }
                counters.add(p.worker(), r.counterId, countedBytes(p));
                if (p.traced()) {
                    tracer.rule(this, c, i, r, p);
                }
                switch (r.kind) {
                    case RuleEntry.VERDICT:
                        if (r.missing != null) {
                            failClosed.increment(p.worker());
                        }
                        if (r.verdict == Verdict.RETURN) {
                            return Verdict.RETURN;
                        }
                        return r.verdict;
                    case RuleEntry.TARGET: {
                        int v = r.apply(p);
                        if (v != Verdict.CONTINUE) {
                            return v;
                        }
                        break;
                    }
                    case RuleEntry.JUMP: {
                        if (depth >= MAX_DEPTH) {
                            return Verdict.DROP;
                        }
                        int v = run(slots[r.jumpSlot], p, counters, failClosed, depth + 1, linear, tracer);
                        if (v != Verdict.RETURN && v != Verdict.CONTINUE) {
                            return v;
                        }
                        break;
                    }
                    case RuleEntry.GOTO: {
                        if (depth >= MAX_DEPTH) {
                            return Verdict.DROP;
                        }
                        // Falling off a goto'd chain returns to whoever called this chain.
                        return run(slots[r.jumpSlot], p, counters, failClosed, depth + 1, linear, tracer);
                    }
                    default:
                        break;
                }
            }
        } catch (Throwable t) {
            // Only when something threw: a match or target (ExtensionFailure), or the evaluator itself.
            ExtensionFailure.rethrowFatal(t);
            return tracer.fault(this, c, i, i >= 0 && i < rules.length ? rules[i] : null, p, t);
        }
        return Verdict.RETURN;
    }

    /**
     * Receives the steps of traced packets (cold path: called only for packets a TRACE rule selected) and
     * the faults of any packet (fault path: only when an extension threw).
     */
    interface Tracer {
        void rule(TableState t, ChainState c, int index, RuleEntry r, PacketContext p);

        void policy(TableState t, ChainState c, PacketContext p);

        /**
         * Fault path (any packet, traced or not): rule {@code index} of {@code c} threw (r is null when the
         * evaluator failed outside a rule); counts and reports it and returns the verdict: DROP.
         */
        int fault(TableState t, ChainState c, int index, RuleEntry r, PacketContext p, Throwable thrown);
    }
}
