package org.pkttables.conntrack.impl.match;

import java.util.List;

import org.pkttables.api.ext.CNumbers;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.ParamType;

/** {@code time[:time]} in seconds, 0..4294967295; {@code 3:3} lists as {@code 3}. */
final class ExpireRangeType extends ParamType<ExpireRange> {
    static final ExpireRangeType INSTANCE = new ExpireRangeType();
    private static final long MAX = 0xffffffffL;

    private ExpireRangeType() {
        super("time[:time]", 1);
    }

    @Override
    public ExpireRange parse(List<String> words) {
        String w = words.get(0);
        int colon = w.indexOf(':');
        long lo = number(colon < 0 ? w : w.substring(0, colon), w);
        long hi = colon < 0 ? lo : number(w.substring(colon + 1), w);
        // min > max is taken, as iptables 1.8.9 takes it: no remaining lifetime lies in it, so it never matches
        return new ExpireRange(lo, hi);
    }

    private static long number(String s, String whole) {
        long v = s.isEmpty() ? -1 : CNumbers.parseDecimal(s, MAX);
        if (v < 0) {
            throw ParameterProblem.outOfRangeNear("ctexpire: bad value \"" + whole
                    + "\" (want 0-4294967295[:0-4294967295])", whole.startsWith(s) ? whole : s, MAX);
        }
        return v;
    }

    @Override
    public List<String> format(ExpireRange r) {
        return List.of(r.min() == r.max() ? Long.toString(r.min()) : r.min() + ":" + r.max());
    }
}
