package org.pkttables.l2.bridge.impl;

import java.util.Locale;

import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;

/** A hexadecimal number as ebtables reads it with strtol(…, 16), printed with a fixed format ({@code 0x%02X}). */
final class HexByte {
    private HexByte() {
    }

    static long parse(String w, long max, String what) {
        String h = w.startsWith("0x") || w.startsWith("0X") ? w.substring(2) : w;
        if (h.isEmpty() || h.length() > 8 || !h.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("Problem with specified " + what + " '" + w + "'");
        }
        long v = Long.parseLong(h, 16);
        if (v > max) {
            throw new IllegalArgumentException("Problem with specified " + what + " '" + w + "'");
        }
        return v;
    }

    static ParamType<Integer> type(long max, String what, String format) {
        return ParamTypes.word("hex", w -> (int) HexByte.parse(w, max, what),
                v -> String.format(Locale.ROOT, format, v));
    }
}
