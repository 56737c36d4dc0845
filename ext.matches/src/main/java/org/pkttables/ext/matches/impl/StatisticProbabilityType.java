package org.pkttables.ext.matches.impl;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParameterProblem;

/**
 * A probability 0..1 (strtod syntax), stored as the kernel stores it: {@code round(p * 2^31)}. Listed
 * as libxt_statistic prints it, {@code %.11f} of the stored value, so {@code 0.1} lists as
 * {@code 0.10000000009}.
 */
final class StatisticProbabilityType extends ParamType<Long> {
    static final StatisticProbabilityType INSTANCE = new StatisticProbabilityType();
    static final long ONE = 0x80000000L;

    private StatisticProbabilityType() {
        super("probability 0..1", 1);
    }

    @Override
    public Long parse(List<String> words) {
        String w = words.get(0).trim();
        double d;
        try {
            if (w.isEmpty() || w.endsWith("d") || w.endsWith("D") || w.endsWith("f") || w.endsWith("F")) {
                throw new NumberFormatException(w);
            }
            d = Double.parseDouble(w);
        } catch (NumberFormatException e) {
            ParameterProblem p = ParameterProblem.outOfRange("bad probability \"" + words.get(0) + "\"", 0, 1);
            p.initCause(e);
            throw p;
        }
        if (!(d >= 0 && d <= 1)) {
            throw ParameterProblem.outOfRange("probability \"" + words.get(0) + "\" is outside 0..1", 0, 1);
        }
        return Math.round(d * ONE);
    }

    @Override
    public List<String> format(Long v) {
        // C's printf rounds the exact binary value, ties to even.
        BigDecimal exact = new BigDecimal((double) v / ONE);
        return List.of(exact.setScale(11, RoundingMode.HALF_EVEN).toPlainString());
    }
}
