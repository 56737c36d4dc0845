package org.pkttables.ext.matches.impl;

import java.util.List;
import java.util.Locale;

import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParameterProblem;

/**
 * {@code N[/second|/minute|/hour|/day]} (any prefix of the unit), stored as libxt_limit stores it: the
 * average gap between packets in 1/10000 s, {@code 10000 * unit / N}. Listed as libxt_limit's
 * print_rate does, in the largest unit that represents the gap exactly enough ({@code 60/min} is
 * {@code 1/sec}).
 */
final class LimitRateType extends ParamType<Long> {
    static final LimitRateType INSTANCE = new LimitRateType();
    /** XT_LIMIT_SCALE: the gap is counted in 1/10000 of a second. */
    static final long SCALE = 10000;

    private static final String[] UNITS = {"day", "hour", "min", "sec"};
    private static final long[] MULT = {SCALE * 86400, SCALE * 3600, SCALE * 60, SCALE};

    private LimitRateType() {
        super("rate[/second|/minute|/hour|/day]", 1);
    }

    @Override
    public Long parse(List<String> words) {
        String w = words.get(0);
        int slash = w.indexOf('/');
        long mult = SCALE;
        if (slash >= 0) {
            String u = w.substring(slash + 1).toLowerCase(Locale.ROOT);
            if (u.isEmpty()) {
                throw new ParameterProblem("bad rate \"" + w + "\": missing unit", "bad rate \"" + w + "\"'");
            }
            if ("second".startsWith(u)) {
                mult = SCALE;
            } else if ("minute".startsWith(u)) {
                mult = SCALE * 60;
            } else if ("hour".startsWith(u)) {
                mult = SCALE * 3600;
            } else if ("day".startsWith(u)) {
                mult = SCALE * 86400;
            } else {
                throw new ParameterProblem("bad rate \"" + w + "\": unit must be second, minute, hour or day", "bad rate \"" + w + "\"'");
            }
        }
        long r = atoi(slash < 0 ? w : w.substring(0, slash));
        if (r <= 0) {
            throw new ParameterProblem("bad rate \"" + w + "\": want a positive number of packets", "bad rate \"" + w + "\"'");
        }
        long avg = mult / r;
        if (avg == 0) {
            throw new ParameterProblem("rate \"" + w + "\" is too fast (at most 10000/second)", "Rate too fast \"" + w + "\"");
        }
        return avg;
    }

    /** C's atoi: leading digits, 0 when there are none. */
    private static long atoi(String s) {
        long v = 0;
        for (int i = 0; i < s.length() && Character.isDigit(s.charAt(i)) && v < Integer.MAX_VALUE; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    @Override
    public List<String> format(Long period) {
        int i = 1;
        for (; i < MULT.length; i++) {
            if (period > MULT[i] || MULT[i] / period < MULT[i] % period) {
                break;
            }
        }
        return List.of(MULT[i - 1] / period + "/" + UNITS[i - 1]);
    }
}
