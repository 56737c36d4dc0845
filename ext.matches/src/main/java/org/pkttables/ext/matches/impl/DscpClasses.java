package org.pkttables.ext.matches.impl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.pkttables.api.ext.CNumbers;
import org.pkttables.api.ext.ParamType;

/** DSCP values: numbers 0-63 listed {@code 0x2e}, and the class names of RFC 2474/2597/3246. */
final class DscpClasses {
    static final ParamType<Integer> VALUE = new ParamType<>("dscp 0-63", 1) {
        @Override
        public Integer parse(List<String> words) {
            long v = CNumbers.parse(words.get(0), 0x3f);
            if (v < 0) {
                throw new IllegalArgumentException("DSCP \"" + words.get(0) + "\" is not a number 0-63");
            }
            return (int) v;
        }

        @Override
        public List<String> format(Integer v) {
            return List.of(String.format(Locale.ROOT, "0x%02x", v));
        }
    };

    static final ParamType<Integer> CLASS = new ParamType<>("dscp class", 1) {
        @Override
        public Integer parse(List<String> words) {
            Integer v = NAMES.get(words.get(0).toUpperCase(Locale.ROOT));
            if (v == null) {
                throw new IllegalArgumentException("unknown DSCP class \"" + words.get(0) + "\" (valid: "
                        + String.join(", ", NAMES.keySet()) + ")");
            }
            return v;
        }

        @Override
        public List<String> format(Integer v) {
            for (Map.Entry<String, Integer> e : NAMES.entrySet()) {
                if (e.getValue().equals(v)) {
                    return List.of(e.getKey());
                }
            }
            return List.of(Integer.toString(v));
        }

        @Override
        public List<String> validValues() {
            return List.copyOf(NAMES.keySet());
        }
    };

    private static final Map<String, Integer> NAMES = new LinkedHashMap<>();

    static {
        for (int i = 0; i <= 7; i++) {
            NAMES.put("CS" + i, i << 3);
        }
        NAMES.put("BE", 0);
        for (int c = 1; c <= 4; c++) {
            for (int d = 1; d <= 3; d++) {
                NAMES.put("AF" + c + d, c << 3 | d << 1);
            }
        }
        NAMES.put("EF", 0x2e);
    }

    private DscpClasses() {
    }
}
