package org.pkttables.l2.bridge.impl;

import org.pkttables.api.ext.Args;

/** What every ebtables match asks of its arguments: at least one of its options ({@code -m stp} alone is refused). */
final class EbtMatchArgs {
    private EbtMatchArgs() {
    }

    /** {@code a}, when it gives at least one option of match {@code match}. */
    static Args atLeastOne(Args a, String match) {
        if (a.params().isEmpty()) {
            throw new IllegalArgumentException("no " + match + " option given");
        }
        return a;
    }
}
