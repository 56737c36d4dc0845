package org.pkttables.conntrack.impl;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Side arrays by table slot that are made on first use (helper bindings, sequence adjustments): tables that
 * never need one pay nothing per entry. Growing is rare and done under the owner's lock.
 */
public final class SlotArrays {
    private SlotArrays() {
    }

    /** {@code a} when it has {@code slot}, else a copy of it at least 1024 long and a power of two covering it. */
    public static <T> AtomicReferenceArray<T> covering(AtomicReferenceArray<T> a, int slot) {
        if (a != null && slot < a.length()) {
            return a;
        }
        int n = Math.max(1024, a == null ? 0 : a.length());
        while (n <= slot) {
            n <<= 1;
        }
        AtomicReferenceArray<T> b = new AtomicReferenceArray<>(n);
        if (a != null) {
            for (int i = 0; i < a.length(); i++) {
                b.set(i, a.get(i));
            }
        }
        return b;
    }
}
