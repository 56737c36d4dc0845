package org.pkttables.ext.matches.impl;

import java.util.Arrays;

/** The bytes a string match searches for; copied in and out, so immutable. */
final class StringPattern {
    static final int MAX = 128;

    private final byte[] bytes;

    StringPattern(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("the search pattern is empty");
        }
        if (bytes.length > MAX) {
            throw new IllegalArgumentException("the search pattern is " + bytes.length + " bytes long, at most "
                    + MAX + " allowed");
        }
        this.bytes = bytes.clone();
    }

    byte[] bytes() {
        return bytes.clone();
    }

    /** As libxt_string's is_hex_string: true when some byte is not printable ASCII. */
    boolean needsHex() {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StringPattern s && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
