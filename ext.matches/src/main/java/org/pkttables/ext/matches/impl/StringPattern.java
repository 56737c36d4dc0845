package org.pkttables.ext.matches.impl;

import org.pkttables.api.ext.KernelRefusal;
import java.util.Arrays;

/** The bytes a string match searches for; copied in and out, so immutable. */
final class StringPattern {
    static final int MAX = 128;

    private final byte[] bytes;

    StringPattern(byte[] bytes) {
        if (bytes.length == 0) {
            throw new KernelRefusal("the search pattern is empty");
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

    /**
     * As libxt_string's is_hex_string: true when some byte is not printable ASCII, or the last is a
     * backslash (iptables-save 1.8.9 prints {@code --string "GET \\"} as {@code --hex-string "|474554205c|"}).
     */
    boolean needsHex() {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                return true;
            }
        }
        return bytes[bytes.length - 1] == '\\';
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
