package org.pkttables.tables.impl;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
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

    /**
     * The rules, in {@code a[0..size)}. Until the first edit {@code a} is the live chain's array; the
     * first edit makes one exact copy around the change (a 100k-rule chain is 400 KB: every extra copy
     * shows in the cost of one insert), later ones grow it as a list does.
     */
    private RuleEntry[] a;
    private int size;
    private boolean owned;
    /** Per edit: kind and position, in the order they were made; null once given up. */
    private int[] ops = new int[8];
    private RuleEntry[] added = new RuleEntry[4];
    private int count;

    EditedRules(RuleEntry[] base) {
        this.a = base;
        this.size = base.length;
    }

    @Override
    public RuleEntry get(int index) {
        Objects.checkIndex(index, size);
        return a[index];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void add(int index, RuleEntry r) {
        Objects.checkIndex(index, size + 1);
        if (!owned || size == a.length) {
            RuleEntry[] b = new RuleEntry[owned ? size + (size >> 1) + 16 : size + 1];
            System.arraycopy(a, 0, b, 0, index);
            System.arraycopy(a, index, b, index + 1, size - index);
            a = b;
            owned = true;
        } else {
            System.arraycopy(a, index, a, index + 1, size - index);
        }
        a[index] = r;
        size++;
        log(INSERT, index, r);
    }

    @Override
    public RuleEntry set(int index, RuleEntry r) {
        Objects.checkIndex(index, size);
        own();
        RuleEntry old = a[index];
        a[index] = r;
        log(SET, index, r);
        return old;
    }

    @Override
    public RuleEntry remove(int index) {
        Objects.checkIndex(index, size);
        RuleEntry old = a[index];
        if (!owned) {
            RuleEntry[] b = new RuleEntry[size - 1];
            System.arraycopy(a, 0, b, 0, index);
            System.arraycopy(a, index + 1, b, index, size - index - 1);
            a = b;
            owned = true;
        } else {
            System.arraycopy(a, index + 1, a, index, size - index - 1);
            a[size - 1] = null;
        }
        size--;
        log(REMOVE, index, null);
        return old;
    }

    @Override
    public void clear() {
        a = ChainState.EMPTY;
        size = 0;
        owned = false;
        modCount++;
        ops = null;
    }

    @Override
    protected void removeRange(int from, int to) {
        own();
        System.arraycopy(a, to, a, from, size - to);
        Arrays.fill(a, size - (to - from), size, null);
        size -= to - from;
        modCount++;
        ops = null;
    }

    private void own() {
        if (!owned) {
            a = a.clone();
            owned = true;
        }
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

    /** The rules as an exact array, handed over without a copy when it fits (then no longer owned). */
    RuleEntry[] snapshot() {
        if (size == a.length) {
            owned = false;
            return a;
        }
        return Arrays.copyOf(a, size);
    }
}
