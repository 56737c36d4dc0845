package org.pkttables.conntrack.impl.match;

import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.ParamTypes;

/**
 * {@code --connbytes from[:to]}, unsigned 64-bit; a missing {@code to} is the largest value. Listed as the
 * tool does: {@code to} only when it is neither 0 nor the largest value.
 */
record ConnbytesRange(long from, long to) {
    static final ParamType<ConnbytesRange> TYPE = ParamTypes.word("from[:to]", s -> {
        int colon = s.indexOf(':');
        long from = colon == 0 ? 0 : number(colon < 0 ? s : s.substring(0, colon), s);
        long to = colon < 0 || colon == s.length() - 1 ? -1L : number(s.substring(colon + 1), s);
        if (Long.compareUnsigned(from, to) > 0) {
            throw new IllegalArgumentException("connbytes: " + Long.toUnsignedString(from) + " should be less than "
                    + Long.toUnsignedString(to));
        }
        return new ConnbytesRange(from, to);
    }, r -> r.to == 0 || r.to == -1L ? Long.toUnsignedString(r.from)
            : Long.toUnsignedString(r.from) + ":" + Long.toUnsignedString(r.to));

    private static long number(String w, String whole) {
        try {
            if (w.isEmpty() || !Character.isDigit(w.charAt(0))) {
                throw new NumberFormatException(w);
            }
            return Long.parseUnsignedLong(w);
        } catch (NumberFormatException e) {
            throw ParameterProblem.of("connbytes: bad value for option \"--connbytes\" near \"" + whole
                    + "\", or out of range (0-18446744073709551615).\n", e);
        }
    }
}
