package org.pkttables.api.ext;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
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
    private static final Param<?>[] NONE = new Param<?>[0];

    /**
     * The parameters given, in the order given, their values, and a bit per inverted one. Arrays rather
     * than maps: a rule has a handful of options, and a restore of 100k rules builds several Args per
     * rule (the maps and their copies were a third of its allocation).
     */
    private final Param<?>[] keys;
    private final Object[] values;
    private final long invertedBits;
    private final Family family;
    private final String table;
    private final int protocol;
    private final boolean protocolInverted;
    private final Hook hook;

    private Args(Builder b) {
        this.keys = b.n == 0 ? NONE : Arrays.copyOf(b.keys, b.n);
        this.values = b.n == 0 ? NONE : Arrays.copyOf(b.values, b.n);
        this.invertedBits = b.invertedBits;
        this.family = b.family;
        this.table = b.table;
        this.protocol = b.protocol;
        this.protocolInverted = b.protocolInverted;
        this.hook = b.hook;
    }

    private static int indexOf(Param<?>[] keys, int n, Param<?> p) {
        for (int i = 0; i < n; i++) {
            if (keys[i] == p) {
                return i;
            }
        }
        return -1;
    }

    public boolean has(Param<?> p) {
        return indexOf(keys, keys.length, p) >= 0;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Param<T> p) {
        int i = indexOf(keys, keys.length, p);
        return i < 0 ? null : (T) values[i];
    }

    @SuppressWarnings("unchecked")
    public <T> T getOr(Param<T> p, T dflt) {
        int i = indexOf(keys, keys.length, p);
        Object v = i < 0 ? null : values[i];
        return v == null ? dflt : (T) v;
    }

    public boolean inverted(Param<?> p) {
        int i = indexOf(keys, keys.length, p);
        return i >= 0 && (invertedBits & (1L << i)) != 0;
    }

    /** The parameters given, in the order they should be listed. */
    public Set<Param<?>> params() {
        return new ParamSet(keys);
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
        b.grow(keys.length);
        System.arraycopy(keys, 0, b.keys, 0, keys.length);
        System.arraycopy(values, 0, b.values, 0, values.length);
        b.n = keys.length;
        b.invertedBits = invertedBits;
        return b;
    }

    public static Builder builder(Family family, String table) {
        return new Builder(family, table);
    }

    @Override
    public String toString() {
        Map<Param<?>, Object> m = new LinkedHashMap<>();
        Set<Param<?>> inv = new LinkedHashSet<>();
        for (int i = 0; i < keys.length; i++) {
            m.put(keys[i], values[i]);
            if ((invertedBits & (1L << i)) != 0) {
                inv.add(keys[i]);
            }
        }
        return m + (inv.isEmpty() ? "" : " inverted=" + inv);
    }

    /** A read-only view of the given parameters, in order. */
    private static final class ParamSet extends AbstractSet<Param<?>> {
        private final Param<?>[] keys;

        ParamSet(Param<?>[] keys) {
            this.keys = keys;
        }

        @Override
        public Iterator<Param<?>> iterator() {
            return Collections.unmodifiableList(Arrays.asList(keys)).iterator();
        }

        @Override
        public int size() {
            return keys.length;
        }

        @Override
        public boolean contains(Object o) {
            for (Param<?> k : keys) {
                if (k == o) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Collects values while parsing (the core's parser, or tests and canonicalisers). */
    public static final class Builder {
        private Param<?>[] keys = new Param<?>[4];
        private Object[] values = new Object[4];
        private int n;
        private long invertedBits;
        private final Family family;
        private final String table;
        private int protocol = -1;
        private boolean protocolInverted;
        private Hook hook;

        private Builder(Family family, String table) {
            this.family = family;
            this.table = table;
        }

        private void grow(int want) {
            if (want > 64) {
                throw new IllegalArgumentException("more than 64 options in one extension");
            }
            if (want > keys.length) {
                int c = Math.max(want, keys.length * 2);
                keys = Arrays.copyOf(keys, c);
                values = Arrays.copyOf(values, c);
            }
        }

        public <T> Builder put(Param<T> p, T value) {
            int i = indexOf(keys, n, p);
            if (i < 0) {
                grow(n + 1);
                keys[n] = p;
                values[n] = value;
                n++;
            } else {
                values[i] = value;
            }
            return this;
        }

        public <T> Builder put(Param<T> p, T value, boolean invert) {
            put(p, value);
            long bit = 1L << indexOf(keys, n, p);
            invertedBits = invert ? invertedBits | bit : invertedBits & ~bit;
            return this;
        }

        public Builder remove(Param<?> p) {
            int i = indexOf(keys, n, p);
            if (i >= 0) {
                System.arraycopy(keys, i + 1, keys, i, n - i - 1);
                System.arraycopy(values, i + 1, values, i, n - i - 1);
                n--;
                keys[n] = null;
                values[n] = null;
                // Drop bit i and move the higher bits down with their parameters.
                long low = invertedBits & ((1L << i) - 1);
                long high = i == 63 ? 0 : (invertedBits >>> (i + 1)) << i;
                invertedBits = low | high;
            }
            return this;
        }

        public boolean has(Param<?> p) {
            return indexOf(keys, n, p) >= 0;
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
