package org.pkttables.ext.matches.impl;

import java.util.Arrays;

/**
 * The {@code --hbh-opts}/{@code --dst-opts} list as the kernel keeps it: one 16-bit entry per option,
 * type in the high byte, length in the low byte, 0xff meaning "any length". Immutable.
 */
final class Ipv6OptionList {
    static final int ANY_LENGTH = 0xff;

    private final int[] entries;

    Ipv6OptionList(int[] entries) {
        this.entries = entries.clone();
    }

    int size() {
        return entries.length;
    }

    int type(int i) {
        return entries[i] >>> 8;
    }

    int length(int i) {
        return entries[i] & 0xff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv6OptionList l && Arrays.equals(entries, l.entries);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(entries);
    }

    /** As libip6t_hbh prints it: {@code type[:length]}, the length left out when "any". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < entries.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(type(i));
            if (length(i) != ANY_LENGTH) {
                sb.append(':').append(length(i));
            }
        }
        return sb.toString();
    }
}
