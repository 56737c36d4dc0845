package org.pkttables.api;

import java.util.Locale;

/** The five netfilter hooks. */
public enum Hook {
    PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING;

    public static Hook of(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown hook '" + name + "'", e);
        }
    }
}
