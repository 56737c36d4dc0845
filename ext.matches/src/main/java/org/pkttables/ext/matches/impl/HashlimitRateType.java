package org.pkttables.ext.matches.impl;

import java.util.List;
import java.util.Locale;

import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParameterProblem;

/**
 * {@code N[/second|/minute|/hour|/day]} for hashlimit (revision 3, scale 1000000): up to 1000000/s.
 * Listed as libxt_hashlimit's print_rate does, in the largest unit that represents the gap exactly
 * enough. Byte rates ({@code 1kb/s}) are refused: only packet rates are implemented.
 */
final class HashlimitRateType extends ParamType<HashlimitRate> {
    static final HashlimitRateType INSTANCE = new HashlimitRateType();
    /** XT_HASHLIMIT_SCALE_v2. */
    static final long SCALE = 1_000_000L;

    private static final String[] UNITS = {"day", "hour", "min", "sec"};
    private static final long[] SECONDS = {86400, 3600, 60, 1};

    private HashlimitRateType() {
        super("rate[/second|/minute|/hour|/day]", 1);
    }

    @Override
    public HashlimitRate parse(List<String> words) {
        String w = words.get(0);
        int slash = w.indexOf('/');
        String num = slash < 0 ? w : w.substring(0, slash);
        if (num.isEmpty() || !num.chars().allMatch(Character::isDigit)) {
            if (num.toLowerCase(Locale.ROOT).matches("[0-9]+[kmg]?b")) {
                throw new IllegalArgumentException("byte rate \"" + w + "\" is not supported, only packets per unit");
            }
            throw ParameterProblem.ofOption("bad rate \"" + w + "\": want N/second, N/minute, N/hour or N/day", "hashlimit: Bad value for \"%2$s\" option: \"" + w.replace("%", "%%") + "\"");
        }
        long unit = 1;
        if (slash >= 0) {
            String u = w.substring(slash + 1).toLowerCase(Locale.ROOT);
            if (u.isEmpty()) {
                throw ParameterProblem.ofOption("bad rate \"" + w + "\": missing unit", "hashlimit: Bad value for \"%2$s\" option: \"" + w.replace("%", "%%") + "\"");
            } else if ("second".startsWith(u)) {
                unit = 1;
            } else if ("minute".startsWith(u)) {
                unit = 60;
            } else if ("hour".startsWith(u)) {
                unit = 3600;
            } else if ("day".startsWith(u)) {
                unit = 86400;
            } else {
                throw ParameterProblem.ofOption("bad rate \"" + w + "\": unit must be second, minute, hour or day", "hashlimit: Bad value for \"%2$s\" option: \"" + w.replace("%", "%%") + "\"");
            }
        }
        long r = num.length() > 10 ? Long.MAX_VALUE : Long.parseLong(num);
        if (r == 0 || r > 0xFFFFFFFFL) {
            throw ParameterProblem.ofOption("bad rate \"" + w + "\": want a positive number of packets", "hashlimit: Bad value for \"%2$s\" option: \"" + w.replace("%", "%%") + "\"");
        }
        long avg = SCALE * unit / r;
        if (avg == 0) {
            throw new ParameterProblem("rate \"" + w + "\" is too fast (at most 1000000/second)", "Rate too fast \"" + w + "\"");
        }
        return new HashlimitRate(avg, unit);
    }

    @Override
    public List<String> format(HashlimitRate rate) {
        int i = printedUnit(rate.avg());
        return List.of(SCALE * SECONDS[i] / rate.avg() + "/" + UNITS[i]);
    }

    /** print_rate's choice of unit (index into the tables) for a gap. */
    static int printedUnit(long period) {
        int i = 1;
        for (; i < UNITS.length; i++) {
            long mult = SCALE * SECONDS[i];
            if (period > mult || mult / period < mult % period) {
                break;
            }
        }
        return i - 1;
    }

    /** The unit print_rate lists the rate in, in milliseconds: an expire equal to it is not listed. */
    static long quantumMillis(long period) {
        return SECONDS[printedUnit(period)] * 1000;
    }
}
