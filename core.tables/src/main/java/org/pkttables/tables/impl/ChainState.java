package org.pkttables.tables.impl;

import java.util.Arrays;

/** One chain: an immutable array of rules; every edit makes a new ChainState (copy on write). */
final class ChainState {
    static final RuleEntry[] EMPTY = new RuleEntry[0];

    final String name;
    final boolean builtin;
    /** Verdict of a built-in chain's policy, -1 for user chains. */
    final int policy;
    /** Counter of the policy (built-in chains), -1 for user chains. */
    final int policyCounter;
    final RuleEntry[] rules;
    /** Index of the rules for the packet path, null when the chain is walked linearly. */
    final ChainClassifier classifier;
    /**
     * The slots this chain's jumps and gotos lead to, each once; computed on first use by the jump
     * depth check, which runs under the core's writer lock only (so a plain field is safe), and kept
     * as long as the rules are: a commit that does not edit a 100k-rule chain does not walk it again.
     */
    private int[] jumpTargets;

    ChainState(String name, boolean builtin, int policy, int policyCounter, RuleEntry[] rules) {
        this(name, builtin, policy, policyCounter, rules, ChainClassifier.build(rules));
    }

    private ChainState(String name, boolean builtin, int policy, int policyCounter, RuleEntry[] rules,
            ChainClassifier classifier) {
        this.name = name;
        this.builtin = builtin;
        this.policy = policy;
        this.policyCounter = policyCounter;
        this.rules = rules;
        this.classifier = classifier;
    }

    int[] jumpTargets() {
        int[] t = jumpTargets;
        if (t == null) {
            t = jumpTargets(Arrays.asList(rules));
            jumpTargets = t;
        }
        return t;
    }

    /** The distinct slots the jumps and gotos among {@code rules} lead to. */
    static int[] jumpTargets(java.util.List<RuleEntry> rules) {
        int[] t = new int[4];
        int n = 0;
        for (int i = 0, size = rules.size(); i < size; i++) {
            RuleEntry r = rules.get(i);
            if ((r.kind == RuleEntry.JUMP || r.kind == RuleEntry.GOTO) && r.jumpSlot >= 0) {
                boolean seen = false;
                for (int k = 0; k < n && !seen; k++) {
                    seen = t[k] == r.jumpSlot;
                }
                if (!seen) {
                    if (n == t.length) {
                        t = Arrays.copyOf(t, n * 2);
                    }
                    t[n++] = r.jumpSlot;
                }
            }
        }
        return Arrays.copyOf(t, n);
    }

    /** New rules: the only change that recompiles the chain's classifier. */
    ChainState withRules(RuleEntry[] r) {
        return new ChainState(name, builtin, policy, policyCounter, r);
    }

    /**
     * The chain after a transaction's edits: when they are all logged, the classifier is updated from
     * this version's (bounded work per edit) instead of rebuilt for the whole chain.
     */
    ChainState edited(EditedRules e) {
        RuleEntry[] r = e.snapshot();
        ChainClassifier c = classifier != null && e.logged() ? classifier.edited(e, r) : ChainClassifier.build(r);
        return new ChainState(name, builtin, policy, policyCounter, r, c);
    }

    /** The same chain served by another classifier (a background rebuild swapping in). */
    ChainState withClassifier(ChainClassifier c) {
        return new ChainState(name, builtin, policy, policyCounter, rules, c);
    }

    ChainState withPolicy(int p) {
        return new ChainState(name, builtin, p, policyCounter, rules, classifier);
    }

    ChainState renamed(String n) {
        return new ChainState(n, builtin, policy, policyCounter, rules, classifier);
    }

    ChainState inserted(int index, RuleEntry r) {
        RuleEntry[] a = new RuleEntry[rules.length + 1];
        System.arraycopy(rules, 0, a, 0, index);
        a[index] = r;
        System.arraycopy(rules, index, a, index + 1, rules.length - index);
        return withRules(a);
    }

    ChainState replaced(int index, RuleEntry r) {
        RuleEntry[] a = rules.clone();
        a[index] = r;
        return withRules(a);
    }

    ChainState removed(int index) {
        RuleEntry[] a = new RuleEntry[rules.length - 1];
        System.arraycopy(rules, 0, a, 0, index);
        System.arraycopy(rules, index + 1, a, index, rules.length - index - 1);
        return withRules(a);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(rules);
    }
}
