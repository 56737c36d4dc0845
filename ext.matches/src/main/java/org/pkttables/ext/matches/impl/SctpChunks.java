package org.pkttables.ext.matches.impl;

import java.util.Arrays;

/**
 * The value of {@code --chunk-types}: how to match (all, any, only), the set of chunk types (256
 * bits) and for up to four of them a flag mask and the flags wanted under it. Immutable.
 */
final class SctpChunks {
    static final int ALL = 0;
    static final int ANY = 1;
    static final int ONLY = 2;
    static final int MAX_FLAGGED = 4;

    private final int mode;
    private final long[] map;
    private final int[] flagType;
    private final int[] flagMask;
    private final int[] flagValue;

    SctpChunks(int mode, long[] map, int[] flagType, int[] flagMask, int[] flagValue) {
        this.mode = mode;
        this.map = map.clone();
        this.flagType = flagType.clone();
        this.flagMask = flagMask.clone();
        this.flagValue = flagValue.clone();
    }

    int mode() {
        return mode;
    }

    boolean contains(int type) {
        return (map[type >>> 6] & 1L << (type & 63)) != 0;
    }

    long word(int i) {
        return map[i];
    }

    int flagged() {
        return flagType.length;
    }

    int flagType(int i) {
        return flagType[i];
    }

    int flagMask(int i) {
        return flagMask[i];
    }

    int flagValue(int i) {
        return flagValue[i];
    }

    /** Index of the flag entry for {@code type}, -1 if none. */
    int flagIndex(int type) {
        for (int i = 0; i < flagType.length; i++) {
            if (flagType[i] == type) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SctpChunks c && mode == c.mode && Arrays.equals(map, c.map)
                && Arrays.equals(flagType, c.flagType) && Arrays.equals(flagMask, c.flagMask)
                && Arrays.equals(flagValue, c.flagValue);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(map) * 31 + mode;
    }
}
