package org.pkttables.conntrack.impl.helper;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.pkttables.conntrack.ConntrackHelper;

/**
 * The helpers deployed right now, by name. {@code CT --helper} names a helper, resolved when a
 * connection starts: a rule can name a helper whose bundle arrives later (new connections then get it),
 * and one that leaves detaches from its connections and takes its expectations with it.
 */
public final class HelperRegistry {
    private final Map<String, ConntrackHelper> byName = new ConcurrentHashMap<>();
    private final HelperBindings bindings;
    private final ExpectationTable expectations;

    public HelperRegistry(HelperBindings bindings, ExpectationTable expectations) {
        this.bindings = bindings;
        this.expectations = expectations;
    }

    /** The helper of that name, or null. Allocates nothing. */
    public ConntrackHelper get(String name) {
        return byName.get(name);
    }

    public void add(ConntrackHelper h) {
        String n = h.name();
        if (n == null || n.isEmpty() || n.length() > 15) {
            throw new IllegalArgumentException("conntrack helper name '" + n + "' must have 1 to 15 characters");
        }
        ConntrackHelper old = byName.put(n, h);
        if (old != null && old != h) {
            bindings.unbind(old);
        }
    }

    public void remove(ConntrackHelper h) {
        if (byName.remove(h.name(), h)) {
            bindings.unbind(h);
            expectations.removeIf(e -> e.helper.equals(h.name()));
        }
    }

    public java.util.Set<String> names() {
        return new java.util.TreeSet<>(byName.keySet());
    }
}
