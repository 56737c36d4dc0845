package org.pkttables.ext.matches.impl;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.pkttables.api.ext.CNumbers;
import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ValueMask;

/**
 * A TOS value as libxt_tos reads it: {@code value[/mask]} (8-bit numbers, mask 0xff when left out)
 * or one of the RFC 1349 names, which mean {@code value/0x3f}. Listed {@code 0x10/0x3f}.
 */
final class TosValueType extends ParamType<ValueMask> {
    static final TosValueType INSTANCE = new TosValueType();

    private static final Map<String, Integer> NAMES = Map.of("minimize-delay", 0x10, "maximize-throughput", 0x08,
            "maximize-reliability", 0x04, "minimize-cost", 0x02, "normal-service", 0x00);

    private TosValueType() {
        super("value[/mask]|name", 1);
    }

    @Override
    public ValueMask parse(List<String> words) {
        String w = words.get(0);
        Integer named = NAMES.get(w.toLowerCase(Locale.ROOT));
        if (named != null) {
            return new ValueMask(named, 0x3f);
        }
        int slash = w.indexOf('/');
        long v = CNumbers.parse(slash < 0 ? w : w.substring(0, slash), 0xff);
        long m = slash < 0 ? 0xff : CNumbers.parse(w.substring(slash + 1), 0xff);
        if (v < 0 || m < 0) {
            throw new IllegalArgumentException("bad TOS value \"" + w + "\" (want value[/mask], 0-255 each, or one of"
                    + " Minimize-Delay, Maximize-Throughput, Maximize-Reliability, Minimize-Cost, Normal-Service)");
        }
        return new ValueMask(v, m);
    }

    @Override
    public List<String> format(ValueMask v) {
        return List.of(String.format(Locale.ROOT, "0x%02x/0x%02x", v.value(), v.mask()));
    }
}
