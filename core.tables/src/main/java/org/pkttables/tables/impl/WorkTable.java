package org.pkttables.tables.impl;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pkttables.api.Hook;

/**
 * A transaction's private, mutable copy of one table. Only the chains the transaction touches are
 * copied into lists, so a change costs the size of what it changes (plus one pointer copy of the
 * chain index), not the size of the table.
 */
final class WorkTable implements RuleCompiler.Chains {
    final TableState base;
    ChainState[] slots;
    final Map<String, Integer> byName;
    int[] refs;
    final int[] hookSlot;
    long nextHandle;
    boolean used;
    /**
     * The jumps and gotos this transaction added (rule to the slot of its chain; identity, as RuleEntry
     * keeps Object's equals), whose depth is checked at commit; null when none or after too many.
     */
    Map<RuleEntry, Integer> addedJumps;
    /** True when so many jumps were added that one check of the whole table is cheaper. */
    boolean checkAllJumps;
    private EditedRules[] work;

    WorkTable(TableState t) {
        this.base = t;
        this.slots = t.slots.clone();
        this.byName = new LinkedHashMap<>(t.byName);
        this.refs = t.refs.clone();
        this.hookSlot = t.hookSlot.clone();
        this.nextHandle = t.nextHandle;
        this.used = t.used;
        this.work = new EditedRules[slots.length];
    }

    /** The rules of a slot for editing (copied on first touch). */
    List<RuleEntry> rules(int slot) {
        if (work[slot] == null) {
            work[slot] = new EditedRules(slots[slot].rules);
        }
        return work[slot];
    }

    /** The rules of a slot for reading, without copying. */
    List<RuleEntry> view(int slot) {
        if (slot < 0 || slot >= slots.length || slots[slot] == null) {
            return null;
        }
        return work[slot] != null ? work[slot] : Arrays.asList(slots[slot].rules);
    }

    /** The distinct slots the jumps of a slot lead to, as this transaction sees them. */
    int[] jumpTargets(int slot) {
        return work[slot] != null ? ChainState.jumpTargets(work[slot]) : slots[slot].jumpTargets();
    }

    int addChain(ChainState c) {
        int s = slots.length;
        slots = Arrays.copyOf(slots, s + 1);
        refs = Arrays.copyOf(refs, s + 1);
        work = Arrays.copyOf(work, s + 1);
        slots[s] = c;
        byName.put(c.name, s);
        return s;
    }

    void removeChain(int slot) {
        byName.remove(slots[slot].name);
        slots[slot] = null;
        work[slot] = null;
    }

    void renameChain(int slot, String to) {
        String from = slots[slot].name;
        // Keep creation order: rebuild the index with the new name in the old place.
        Map<String, Integer> copy = new LinkedHashMap<>(byName);
        byName.clear();
        for (Map.Entry<String, Integer> e : copy.entrySet()) {
            byName.put(e.getKey().equals(from) ? to : e.getKey(), e.getValue());
        }
        slots[slot] = slots[slot].renamed(to);
    }

    /** Edited rules in a commit from which its chains' classifiers are built in parallel. */
    static final int PARALLEL_FREEZE_RULES = 10_000;

    TableState freeze() {
        ChainState[] out = slots.clone();
        int edited = 0;
        long rules = 0;
        for (int i = 0; i < out.length; i++) {
            if (work[i] != null && out[i] != null) {
                edited++;
                rules += work[i].size();
            }
        }
        if (edited > 1 && rules >= PARALLEL_FREEZE_RULES) {
            // A big restore: the chains' classifiers are built on every core (each chain on its own, from
            // immutable rules; each result goes to its own slot, and the join publishes them).
            java.util.stream.IntStream.range(0, out.length).parallel().forEach(i -> {
                if (work[i] != null && out[i] != null) {
                    out[i] = out[i].edited(work[i]);
                }
            });
        } else {
            for (int i = 0; i < out.length; i++) {
                if (work[i] != null && out[i] != null) {
                    out[i] = out[i].edited(work[i]);
                }
            }
        }
        return new TableState(base.family, base.def, out, new LinkedHashMap<>(byName), refs.clone(),
                hookSlot.clone(), nextHandle, used);
    }

    String chainName(int slot) {
        return slot >= 0 && slot < slots.length && slots[slot] != null ? slots[slot].name : "?";
    }

    @Override
    public int slot(String name) {
        Integer s = byName.get(name);
        return s == null ? -1 : s;
    }

    @Override
    public boolean builtin(String name) {
        Integer s = byName.get(name);
        return s != null && slots[s].builtin;
    }

    @Override
    public Hook hookOf(String chain) {
        Integer s = byName.get(chain);
        if (s == null || !slots[s].builtin) {
            return null;
        }
        for (int h = 0; h < hookSlot.length; h++) {
            if (hookSlot[h] == s) {
                return Hook.values()[h];
            }
        }
        return null;
    }
}
