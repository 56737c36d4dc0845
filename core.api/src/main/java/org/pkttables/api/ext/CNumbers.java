package org.pkttables.api.ext;

/**
 * Unsigned numbers read the way iptables reads them (C {@code strtoul} with base 0): leading blanks
 * and {@code +} allowed, {@code 0x} means hex and a leading {@code 0} means octal, so {@code 010} is 8
 * exactly as the real tool lists it. The whole word must be a number.
 */
public final class CNumbers {
    private CNumbers() {
    }

    /** The value of {@code s}, or -1 when it is not a number in 0..max. */
    public static long parse(String s, long max) {
        return parse(s, max, true);
    }

    /** Decimal only ({@code 022} is 22, {@code 0x16} is no number), as iptables' generic option parser reads ports. */
    public static long parseDecimal(String s, long max) {
        return parse(s, max, false);
    }

    private static long parse(String s, long max, boolean base0) {
        int i = 0;
        int n = s.length();
        while (i < n && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        if (i < n && s.charAt(i) == '+') {
            i++;
        }
        int radix = 10;
        if (base0 && i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
            radix = 16;
            i += 2;
        } else if (base0 && i + 1 < n && s.charAt(i) == '0') {
            radix = 8;
            i++;
        }
        if (i >= n) {
            return -1;
        }
        long v = 0;
        for (; i < n; i++) {
            int d = Character.digit(s.charAt(i), radix);
            if (d < 0) {
                return -1;
            }
            // Checked before multiplying: with max near Long.MAX_VALUE the product could wrap around.
            if (d > max || v > (max - d) / radix) {
                return -1;
            }
            v = v * radix + d;
        }
        return v;
    }
}
