package org.pkttables.tables.impl;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.RulesetException;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.L3Handler;
import org.pkttables.api.ext.TableDescriptor;

/**
 * The built-in tables a family's {@link org.pkttables.api.ext.L3Handler} contributes, as the core takes
 * them in: checked once, then made into empty tables whose built-in chains have the table's first policy.
 * The core knows no family's tables itself.
 */
final class FamilyTables {
    private static final int HOOKS = Hook.values().length;

    private FamilyTables() {
    }

    /**
     * The tables of a family's handler, checked; null (logged) when they make no sense: that family then
     * has no tables and its rules are refused, never half-run.
     */
    static List<TableDescriptor> of(Family f, L3Handler h, System.Logger log) {
        try {
            return checked(f, h.tables());
        } catch (RuntimeException e) {
            ExtensionFailure.rethrowFatal(e);
            log.log(System.Logger.Level.ERROR, "L3 handler " + h + ": no " + f.id() + " tables: " + e.getMessage());
            return null;
        }
    }

    /** The handler's tables, checked: at least one, no name twice. */
    static List<TableDescriptor> checked(Family f, List<TableDescriptor> tables) {
        if (tables == null || tables.isEmpty()) {
            throw new IllegalArgumentException("the handler contributes no table");
        }
        List<TableDescriptor> d = List.copyOf(tables);
        Set<String> names = new HashSet<>();
        for (TableDescriptor t : d) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("table " + t.name() + " twice in family " + f.id());
            }
        }
        return d;
    }

    /** A family's tables as it starts with them. */
    static TableState[] empty(Family f, List<TableDescriptor> d, CounterBank counters) {
        TableState[] ts = new TableState[d.size()];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = empty(f, d.get(i), counters);
        }
        return ts;
    }

    /** A table as its family starts with it: the built-in chains, empty, in the descriptor's order. */
    static TableState empty(Family f, TableDescriptor d, CounterBank counters) {
        ChainState[] slots = new ChainState[d.hooks().size()];
        Map<String, Integer> byName = new LinkedHashMap<>();
        int[] hookSlot = new int[HOOKS];
        Arrays.fill(hookSlot, -1);
        int i = 0;
        for (Hook h : d.hooks()) {
            slots[i] = new ChainState(h.name(), true, d.policies().get(0), counters.allocate(), ChainState.EMPTY);
            byName.put(h.name(), i);
            hookSlot[h.ordinal()] = i;
            i++;
        }
        return new TableState(f, d, slots, byName, new int[slots.length], hookSlot, 1, false);
    }

    /** A table the family does not have (valid: its tables, or none while no handler has brought them). */
    static RulesetException noSuchTable(Family f, String table, List<String> valid) {
        return new RulesetException("can't initialize " + f.tool() + " table `" + table + "': Table does not exist ("
                + (valid.isEmpty() ? "no " + f.id() + " handler is loaded" : "valid: " + String.join(", ", valid)) + ")");
    }

    /** {@code ACCEPT or DROP}: the policies a table's built-in chains may have, for error messages. */
    static String policyNames(TableDescriptor d) {
        StringBuilder sb = new StringBuilder();
        List<Integer> p = d.policies();
        for (int i = 0; i < p.size(); i++) {
            if (i > 0) {
                sb.append(i == p.size() - 1 ? " or " : ", ");
            }
            sb.append(Verdict.name(p.get(i)));
        }
        return sb.toString();
    }
}
