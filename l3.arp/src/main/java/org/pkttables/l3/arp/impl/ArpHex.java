package org.pkttables.l3.arp.impl;

import java.math.BigInteger;

import org.pkttables.api.ext.ParameterProblem;

/**
 * A number as arptables' MARK and CLASSIFY read it: strtoul(…, 16) (optional sign and 0x, hexadecimal
 * digits, saturating at ULONG_MAX), then cut to the field's width as the C assignment does
 * ({@code --set-mark 4294967295} is 0x94967295).
 */
final class ArpHex {
    private static final BigInteger ULONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private ArpHex() {
    }

    static long parse(String w, long widthMask, String error) {
        String s = w;
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.startsWith("-");
            s = s.substring(1);
        }
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        if (s.isEmpty() || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw ParameterProblem.of(error);
        }
        BigInteger v = new BigInteger(s, 16);
        if (v.compareTo(ULONG_MAX) > 0) {
            v = ULONG_MAX;
        }
        if (negative) {
            v = BigInteger.ONE.shiftLeft(64).subtract(v).and(ULONG_MAX);
        }
        return v.longValue() & widthMask;
    }
}
