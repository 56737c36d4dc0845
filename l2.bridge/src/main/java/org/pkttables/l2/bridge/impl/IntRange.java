package org.pkttables.l2.bridge.impl;


import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;

/** An inclusive range of unsigned numbers, {@code lo[:hi]} (either side may be left out), as ebtables reads them. */
record IntRange(long lo, long hi) {
    boolean contains(long v) {
        return v >= lo && v <= hi;
    }

    static IntRange parse(String w, long max, String what) {
        int colon = w.indexOf(':');
        try {
            if (colon < 0) {
                long v = number(w, max, what);
                return new IntRange(v, v);
            }
            long lo = colon == 0 ? 0 : number(w.substring(0, colon), max, what);
            long hi = colon == w.length() - 1 ? max : number(w.substring(colon + 1), max, what);
            if (lo > hi) {
                throw new IllegalArgumentException("bad " + what + " range '" + w + "' (" + lo + " > " + hi + ")");
            }
            return new IntRange(lo, hi);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + what + " '" + w + "'", e);
        }
    }

    private static long number(String s, long max, String what) {
        long v = Long.decode(s);
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(what + " " + s + " is outside 0.." + max);
        }
        return v;
    }

    String format() {
        return lo == hi ? Long.toString(lo) : lo + ":" + hi;
    }

    static ParamType<IntRange> type(long max, String what) {
        return ParamTypes.word("n[:n]", w -> IntRange.parse(w, max, what), v -> v.format());
    }
}
