package org.pkttables.tables.impl;

import java.util.Map;

import org.pkttables.api.Family;
import org.pkttables.api.ext.TableDescriptor;

/**
 * One table as the packet path sees it: chains by slot (jumps refer to slots, so a rename or an edit
 * of one chain never touches the others), the built-in chain of each hook, and reference counts.
 * Immutable once published; a transaction builds the next one and the core swaps it in with one
 * volatile write, so readers take no lock. {@link ChainEvaluator} walks it for each packet.
 */
final class TableState {
    /**
     * Deepest jump nesting the evaluator follows. A commit refuses loops and any table deeper than
     * {@link ChainDepth#MAX_LEVELS} (as nf_tables), so no accepted ruleset comes near this bound.
     */
    static final int MAX_DEPTH = 64;

    final Family family;
    final TableDescriptor def;
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

    TableState(Family family, TableDescriptor def, ChainState[] slots, Map<String, Integer> byName, int[] refs,
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
}
