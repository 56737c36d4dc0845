package org.pkttables.ext.ipset.impl;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each field of an element goes in the hash key: fields are packed in order into 64-bit words,
 * a field never straddling two words. An IPv4 hash:ip key is one word, hash:ip,port,ip two.
 */
final class KeyLayout {
    private final int[] word;
    private final int[] shift;
    private final long[] mask;
    private final int words;
    private final int lastBits;

    KeyLayout(List<Dim> dims) {
        List<Integer> bits = new ArrayList<>();
        for (Dim d : dims) {
            for (int b : d.fieldBits()) {
                bits.add(b);
            }
        }
        int n = bits.size();
        word = new int[n];
        shift = new int[n];
        mask = new long[n];
        int w = 0;
        int used = 0;
        for (int i = 0; i < n; i++) {
            int b = bits.get(i);
            if (used + b > 64) {
                w++;
                used = 0;
            }
            word[i] = w;
            shift[i] = used;
            mask[i] = b == 64 ? -1L : (1L << b) - 1;
            used += b;
        }
        words = w + 1;
        lastBits = used;
    }

    /** Bits used in the last word (all of them when there is one word). */
    int lastWordBits() {
        return lastBits;
    }

    int words() {
        return words;
    }

    int fields() {
        return word.length;
    }

    /** Packs field values into {@code key} (its first {@link #words()} longs). No allocation. */
    void pack(long[] f, long[] key) {
        for (int i = 0; i < words; i++) {
            key[i] = 0;
        }
        for (int i = 0; i < word.length; i++) {
            key[word[i]] |= (f[i] & mask[i]) << shift[i];
        }
    }

    /** The inverse of {@link #pack}. */
    void unpack(long[] key, long[] f) {
        for (int i = 0; i < word.length; i++) {
            f[i] = (key[word[i]] >>> shift[i]) & mask[i];
        }
    }
}
