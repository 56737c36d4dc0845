package org.pkttables.tables.impl;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * A transaction's editable copy of one chain's rules that remembers its single-rule edits, so that
 * freezing the chain can update its classifier from the previous one instead of rebuilding it. Bulk
 * changes (clear, range removal) or more than {@link #MAX_EDITS} edits give up the log: the classifier
 * is then rebuilt, which for that many changes costs no more than applying them.
 */
final class EditedRules extends AbstractList<RuleEntry> implements RandomAccess {
    /** More edits than this in one transaction are cheaper to absorb by one rebuild. */
    static final int MAX_EDITS = 64;

    static final int INSERT = 0;
    static final int REMOVE = 1;
    static final int SET = 2;

    private final ArrayList<RuleEntry> rules;
    /** Per edit: kind and position, in the order they were made; null once given up. */
    private int[] ops = new int[8];
    private RuleEntry[] added = new RuleEntry[4];
    private int count;

    EditedRules(RuleEntry[] base) {
        this.rules = new ArrayList<>(Arrays.asList(base));
    }

    @Override
    public RuleEntry get(int index) {
        return rules.get(index);
    }

    @Override
    public int size() {
        return rules.size();
    }

    @Override
    public void add(int index, RuleEntry r) {
        rules.add(index, r);
        log(INSERT, index, r);
    }

    @Override
    public RuleEntry set(int index, RuleEntry r) {
        RuleEntry old = rules.set(index, r);
        log(SET, index, r);
        return old;
    }

    @Override
    public RuleEntry remove(int index) {
        RuleEntry old = rules.remove(index);
        log(REMOVE, index, null);
        return old;
    }

    @Override
    public void clear() {
        rules.clear();
        ops = null;
    }

    @Override
    protected void removeRange(int from, int to) {
        rules.subList(from, to).clear();
        ops = null;
    }

    private void log(int kind, int index, RuleEntry r) {
        modCount++;
        if (ops == null) {
            return;
        }
        if (count == MAX_EDITS) {
            ops = null;
            added = null;
            return;
        }
        if (count * 2 == ops.length) {
            ops = Arrays.copyOf(ops, ops.length * 2);
            added = Arrays.copyOf(added, added.length * 2);
        }
        ops[count * 2] = kind;
        ops[count * 2 + 1] = index;
        added[count] = r;
        count++;
    }

    /** Whether every change since the copy is in the log. */
    boolean logged() {
        return ops != null;
    }

    int edits() {
        return count;
    }

    int kind(int i) {
        return ops[i * 2];
    }

    int position(int i) {
        return ops[i * 2 + 1];
    }

    /** The rule an INSERT or SET put in place. */
    RuleEntry rule(int i) {
        return added[i];
    }

    RuleEntry[] snapshot() {
        return rules.toArray(ChainState.EMPTY);
    }
}
