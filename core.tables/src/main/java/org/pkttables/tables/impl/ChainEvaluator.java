package org.pkttables.tables.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;

/**
 * The packet path's walk of a table: runs the built-in chain of the packet's hook, its jumps and
 * gotos, and applies the policy when nothing decided. What every step needs besides the chain and
 * the packet (counters, fail-closed count, walk mode, tracer) is fixed per evaluator, so the recursion
 * passes only the table, the chain, the packet and the depth. A ruleset holds one evaluator per walk
 * mode (classifier or linear) and swaps them with one volatile write; nothing is allocated per packet.
 */
final class ChainEvaluator {
    private final CounterBank counters;
    private final PerWorkerCount failClosed;
    /** True: every chain is walked rule by rule (the reference interpreter) instead of through its classifier. */
    private final boolean linear;
    private final Tracer tracer;

    ChainEvaluator(CounterBank counters, PerWorkerCount failClosed, boolean linear, Tracer tracer) {
        this.counters = counters;
        this.failClosed = failClosed;
        this.linear = linear;
        this.tracer = tracer;
    }

    boolean linear() {
        return linear;
    }

    /**
     * Hot path: runs the built-in chain of the packet's hook in table {@code t} and applies its policy
     * when nothing decided. Returns ACCEPT, DROP, QUEUE or STOLEN.
     */
    int evaluate(TableState t, int hookOrdinal, PacketContext p) {
        int slot = t.hookSlot[hookOrdinal];
        if (slot < 0) {
            return Verdict.ACCEPT;
        }
        ChainState c = t.slots[slot];
        int v = run(t, c, p, 0);
        if (v == Verdict.RETURN || v == Verdict.CONTINUE) {
            counters.add(p.worker(), c.policyCounter, countedBytes(p));
            if (p.traced()) {
                tracer.policy(t, c, p);
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
     * Runs one chain of table {@code t}. With a classifier, only the rules it cannot rule out are
     * visited, in order, and each still runs all its matches: the result and the counters are those of
     * the linear walk ({@code linear}, the reference interpreter the differential test compares with).
     *
     * <p>An extension that throws drops the packet: the innermost chain catches it (so the rule is
     * known), {@link Tracer#fault} counts and reports it, and DROP ends the walk in every caller. The
     * try costs nothing on the normal path.
     */
    private int run(TableState t, ChainState c, PacketContext p, int depth) {
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
                    tracer.rule(t, c, i, r, p);
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
                        if (depth >= TableState.MAX_DEPTH) {
                            return Verdict.DROP;
                        }
                        int v = run(t, t.slots[r.jumpSlot], p, depth + 1);
                        if (v != Verdict.RETURN && v != Verdict.CONTINUE) {
                            return v;
                        }
                        break;
                    }
                    case RuleEntry.GOTO: {
                        if (depth >= TableState.MAX_DEPTH) {
                            return Verdict.DROP;
                        }
                        // Falling off a goto'd chain returns to whoever called this chain.
                        return run(t, t.slots[r.jumpSlot], p, depth + 1);
                    }
                    default:
                        break;
                }
            }
        } catch (Throwable thrown) {
            // Only when something threw: a match or target (ExtensionFailure), or the evaluator itself.
            ExtensionFailure.rethrowFatal(thrown);
            return tracer.fault(t, c, i, i >= 0 && i < rules.length ? rules[i] : null, p, thrown);
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
