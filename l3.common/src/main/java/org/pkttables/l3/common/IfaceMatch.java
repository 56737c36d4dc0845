package org.pkttables.l3.common;

/**
 * A compiled {@code -i}/{@code -o} interface pattern: an exact name, or a prefix when the name ends
 * in {@code +} (so {@code +} alone matches every interface, also "none"). A packet without that
 * interface is compared as the empty name, as the kernel does.
 */
public final class IfaceMatch {
    private final String name;
    private final boolean prefix;

    private IfaceMatch(String name, boolean prefix) {
        this.name = name;
        this.prefix = prefix;
    }

    public static IfaceMatch of(String pattern) {
        return pattern.endsWith("+") ? new IfaceMatch(pattern.substring(0, pattern.length() - 1), true)
                : new IfaceMatch(pattern, false);
    }

    /** Hot path: no allocation ({@code startsWith}/{@code equals} only compare). */
    public boolean matches(String iface) {
        String s = iface == null ? "" : iface;
        return prefix ? s.startsWith(name) : s.equals(name);
    }

    @Override
    public String toString() {
        return prefix ? name + "+" : name;
    }
}
