package org.pkttables.api.ext;

/** A 32-bit value with a mask ({@code --mark 0x1/0xff}); the mask is 0xffffffff when not given. */
public record ValueMask(long value, long mask) {
    public static final long ALL = 0xffffffffL;

    public boolean matches(int v) {
        return ((v & mask) == value);
    }
}
