package org.pkttables.ext.matches.impl;

import java.util.List;
import java.util.Locale;

import org.pkttables.api.ext.ParamType;

/**
 * {@code type[:type]} for {@code --mh-type}: numbers (0 to 255, C style: {@code 0x5}) or the names
 * libip6t_mh knows, case-insensitive; an empty side is 0 or 255. Listed numerically, one number when
 * the range is a single type.
 */
final class MhTypeRangeType extends ParamType<NumRange> {
    static final MhTypeRangeType INSTANCE = new MhTypeRangeType();

    private static final String[][] NAMES = {
        {"binding-refresh-request", "brr"}, {"home-test-init", "hoti"}, {"careof-test-init", "coti"},
        {"home-test", "hot"}, {"careof-test", "cot"}, {"binding-update", "bu"},
        {"binding-acknowledgement", "ba"}, {"binding-error", "be"},
    };

    private MhTypeRangeType() {
        super("type[:type]", 1);
    }

    @Override
    public NumRange parse(List<String> words) {
        String w = words.get(0);
        int colon = w.indexOf(':');
        if (colon < 0) {
            long t = type(w);
            return new NumRange(t, t);
        }
        long lo = colon == 0 ? 0 : type(w.substring(0, colon));
        long hi = colon == w.length() - 1 ? 255 : type(w.substring(colon + 1));
        if (lo > hi) {
            throw new IllegalArgumentException("invalid MH type range \"" + w + "\" (min > max)");
        }
        return new NumRange(lo, hi);
    }

    /** Without {@code -n} each end by its name where it has one ({@code home-test:255}), as libip6t_mh prints it. */
    @Override
    public List<String> listed(NumRange r, org.pkttables.api.ext.ListContext ctx) {
        if (ctx.numeric()) {
            return format(r);
        }
        String lo = name(r.lo());
        return List.of(r.lo() == r.hi() ? lo : lo + ":" + name(r.hi()));
    }

    private static String name(long t) {
        return t < NAMES.length ? NAMES[(int) t][0] : Long.toString(t);
    }

    private static long type(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i][0].equals(l) || NAMES[i][1].equals(l)) {
                return i;
            }
        }
        // strtoul: an empty string is 0.
        long v;
        try {
            v = s.isEmpty() ? 0 : l.startsWith("0x") ? Long.parseLong(l.substring(2), 16)
                    : l.length() > 1 && l.startsWith("0") ? Long.parseLong(l.substring(1), 8) : Long.parseLong(l);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid MH type \"" + s + "\"", e);
        }
        if (v < 0 || v > 255) {
            throw new IllegalArgumentException("invalid MH type \"" + s + "\" (0 to 255)");
        }
        return v;
    }

    @Override
    public List<String> format(NumRange r) {
        return List.of(r.lo() == r.hi() ? Long.toString(r.lo()) : r.lo() + ":" + r.hi());
    }

    @Override
    public List<String> validValues() {
        return List.of("binding-refresh-request", "brr", "home-test-init", "hoti", "careof-test-init", "coti",
                "home-test", "hot", "careof-test", "cot", "binding-update", "bu", "binding-acknowledgement", "ba",
                "binding-error", "be");
    }
}
