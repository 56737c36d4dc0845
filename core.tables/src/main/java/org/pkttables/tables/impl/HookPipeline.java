package org.pkttables.tables.impl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.HookFunction;
import org.pkttables.api.HookPriority;
import org.pkttables.api.ext.TableDescriptor;

/**
 * The steps of every hook, by priority: the hooked built-in tables of the family and the registered
 * {@link HookFunction}s (conntrack, NAT, ...). Rebuilt as a whole when a function comes or goes or a
 * family's tables arrive; the packet path reads one hook's steps with one volatile read ({@link #steps}).
 */
final class HookPipeline {
    private static final int FAMILIES = Family.values().length;
    private static final int HOOKS = Hook.values().length;

    /** [family]: the family's tables, in the order of the ruleset's live tables. */
    private volatile List<TableDescriptor>[] defs;
    /** Registered functions with their service properties (family, hook, priority). */
    private final List<Object[]> functions = new ArrayList<>();
    /** [family][hook]: the steps of each hook, by priority. */
    private volatile HookEntry[][][] steps;

    HookPipeline(List<TableDescriptor>[] defs) {
        this.defs = defs;
        rebuild();
    }

    /** A family's tables arrived (the ruleset publishes them before it calls this). */
    void setTables(List<TableDescriptor>[] d) {
        defs = d;
        rebuild();
    }

    void add(HookFunction fn, Map<String, ?> props) {
        synchronized (functions) {
            functions.add(new Object[] { fn, props });
        }
        rebuild();
    }

    void remove(HookFunction fn) {
        synchronized (functions) {
            functions.removeIf(o -> o[0] == fn);
        }
        rebuild();
    }

    /** The steps of one hook (packet path and explain). */
    HookEntry[] steps(Family f, Hook h) {
        return steps[f.ordinal()][h.ordinal()];
    }

    /** Synchronized: two changes at once must not publish the steps of the older one last. */
    private synchronized void rebuild() {
        HookEntry[][][] p = new HookEntry[FAMILIES][HOOKS][];
        List<Object[]> fns;
        synchronized (functions) {
            fns = new ArrayList<>(functions);
        }
        for (Family f : Family.values()) {
            for (Hook h : Hook.values()) {
                List<HookEntry> l = new ArrayList<>();
                List<TableDescriptor> d = defs[f.ordinal()];
                for (int i = 0; i < d.size(); i++) {
                    if (d.get(i).hooked() && d.get(i).hooks().contains(h)) {
                        l.add(new HookEntry(d.get(i).priority(), i, null, d.get(i).name()));
                    }
                }
                for (Object[] o : fns) {
                    Map<?, ?> props = (Map<?, ?>) o[1];
                    if (applies(props.get(HookFunction.FAMILY), f.id()) && applies(props.get(HookFunction.HOOK),
                            h.name())) {
                        Object pr = props.get(HookFunction.PRIORITY);
                        int prio = pr == null ? HookPriority.FILTER
                                : pr instanceof Number ? ((Number) pr).intValue() : HookPriority.of(pr.toString());
                        l.add(new HookEntry(prio, -1, (HookFunction) o[0], o[0].toString()));
                    }
                }
                l.sort(Comparator.comparingInt(e -> e.priority));
                p[f.ordinal()][h.ordinal()] = l.toArray(new HookEntry[0]);
            }
        }
        steps = p;
    }

    private static boolean applies(Object prop, String value) {
        if (prop == null) {
            return true;
        }
        if (prop instanceof String[]) {
            for (String s : (String[]) prop) {
                if (s.equalsIgnoreCase(value)) {
                    return true;
                }
            }
            return false;
        }
        if (prop instanceof Iterable) {
            for (Object s : (Iterable<?>) prop) {
                if (s.toString().equalsIgnoreCase(value)) {
                    return true;
                }
            }
            return false;
        }
        return prop.toString().equalsIgnoreCase(value);
    }
}
