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
