package org.pkttables.ext.ipset.impl;

import org.pkttables.api.ext.CNumbers;
import org.pkttables.ext.ipset.api.SetException;

/** Numbers in ipset's words: strtoul-style input, ipset's error texts. */
final class Numbers {
    private Numbers() {
    }

    /** A number in [min, max]. */
    static long parse(String s, long min, long max) {
        long v = CNumbers.parse(s, Long.MAX_VALUE);
        if (v < 0) {
            throw new SetException("Syntax error: '" + s + "' is invalid as number");
        }
        if (v < min || v > max) {
            throw new SetException("Syntax error: '" + s + "' is out of range " + min + "-" + max);
        }
        return v;
    }

    /** The word after an option, or an error naming the option. */
    static String arg(java.util.List<String> words, int i, String option) {
        if (i + 1 >= words.size()) {
            throw new SetException("Syntax error: option '" + option + "' requires an argument");
        }
        return words.get(i + 1);
    }
}
