package org.pkttables.api.ext;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.pkttables.api.Family;
import org.pkttables.api.Hook;

/**
 * The parsed, validated parameters of one match or target in one rule, plus the rule context an
 * extension may check at compile time (family, table, the rule's {@code -p} protocol). Immutable.
 */
public final class Args {
    private final Map<Param<?>, Object> values;
    private final Set<Param<?>> inverted;
    private final Family family;
    private final String table;
    private final int protocol;
    private final boolean protocolInverted;
    private final Hook hook;

    private Args(Builder b) {
        // Most rules have few options and no inversion: skip the copies that would stay empty.
        this.values = b.values.isEmpty() ? Collections.emptyMap()
                : Collections.unmodifiableMap(new LinkedHashMap<>(b.values));
        this.inverted = b.inverted.isEmpty() ? Collections.emptySet()
                : Collections.unmodifiableSet(new LinkedHashSet<>(b.inverted));
        this.family = b.family;
        this.table = b.table;
        this.protocol = b.protocol;
        this.protocolInverted = b.protocolInverted;
        this.hook = b.hook;
    }

    public boolean has(Param<?> p) {
        return values.containsKey(p);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Param<T> p) {
        return (T) values.get(p);
    }

    @SuppressWarnings("unchecked")
    public <T> T getOr(Param<T> p, T dflt) {
        Object v = values.get(p);
        return v == null ? dflt : (T) v;
    }

    public boolean inverted(Param<?> p) {
        return inverted.contains(p);
    }

    /** The parameters given, in the order they should be listed. */
    public Set<Param<?>> params() {
        return values.keySet();
    }

    public Family family() {
        return family;
    }

    public String table() {
        return table;
    }

    /** The rule's {@code -p} protocol number, -1 when none was given. */
    public int protocol() {
        return protocol;
    }

    public boolean protocolInverted() {
        return protocolInverted;
    }

    /**
     * The hook of the built-in chain the rule is added to, or null for a user-defined chain (reached
     * from wherever it is jumped to). For checks such as "only in FORWARD, OUTPUT and POSTROUTING" that
     * depend on a parameter value, which {@link ExtensionDescriptor#hooks()} cannot express.
     */
    public Hook hook() {
        return hook;
    }

    public Builder toBuilder() {
        Builder b = builder(family, table).protocol(protocol, protocolInverted).hook(hook);
        b.values.putAll(values);
        b.inverted.addAll(inverted);
        return b;
    }

    public static Builder builder(Family family, String table) {
        return new Builder(family, table);
    }

    @Override
    public String toString() {
        return values + (inverted.isEmpty() ? "" : " inverted=" + inverted);
    }

    /** Collects values while parsing (the core's parser, or tests and canonicalisers). */
    public static final class Builder {
        private final Map<Param<?>, Object> values = new LinkedHashMap<>();
        private final Set<Param<?>> inverted = new LinkedHashSet<>();
        private final Family family;
        private final String table;
        private int protocol = -1;
        private boolean protocolInverted;
        private Hook hook;

        private Builder(Family family, String table) {
            this.family = family;
            this.table = table;
        }

        public <T> Builder put(Param<T> p, T value) {
            values.put(p, value);
            return this;
        }

        public <T> Builder put(Param<T> p, T value, boolean invert) {
            values.put(p, value);
            if (invert) {
                inverted.add(p);
            } else {
                inverted.remove(p);
            }
            return this;
        }

        public Builder remove(Param<?> p) {
            values.remove(p);
            inverted.remove(p);
            return this;
        }

        public boolean has(Param<?> p) {
            return values.containsKey(p);
        }

        public Builder protocol(int proto, boolean invert) {
            this.protocol = proto;
            this.protocolInverted = invert;
            return this;
        }

        /** The built-in chain's hook, null for a user-defined chain. */
        public Builder hook(Hook h) {
            this.hook = h;
            return this;
        }

        public Args build() {
            return new Args(this);
        }
    }
}
