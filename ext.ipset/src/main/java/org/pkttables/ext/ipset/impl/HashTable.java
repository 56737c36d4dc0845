package org.pkttables.ext.ipset.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Open addressing with linear probing over keys of {@code w} longs, read without locks while one writer
 * (holding the set's lock) changes it. Each slot is a meta word followed by the key words, in one
 * {@code long[]}, so a probe usually touches one cache line.
 *
 * <p>Why readers need no lock: a slot only ever goes EMPTY → LIVE → DELETED. The writer stores the key
 * and the entry's extensions first and publishes the slot with a release store of its meta word;
 * readers load the meta word with acquire, so a LIVE slot they see has its key complete. Deleted slots
 * are never reused (a reused slot could show a reader half of a new key): they are dropped when the
 * table is rebuilt, which happens into a new table published by the owner, never in place.
 */
final class HashTable {
    static final long EMPTY = 0;
    static final long LIVE = 1;
    static final long DELETED = 2;
    static final long STATE = 3;
    /** Entry flag in the meta word: a {@code nomatch} entry. */
    static final long NOMATCH = 4;

    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    final int w;
    final int stride;
    final int capacity;
    private final int mask;
    final long seed;
    final long[] slots;
    /** Expiry per slot in clock milliseconds, 0 = never; null when the set has no timeouts. */
    final long[] expires;
    /** Packets and bytes per slot; null without counters. */
    final long[] counters;
    final String[] comments;
    /** skbmark, skbmark mask, skbprio, skbqueue per slot; null without skbinfo. */
    final long[] skb;
    /** Writer-side bookkeeping (read by readers only for statistics). */
    int live;
    int used;

    HashTable(int w, int capacity, long seed, boolean timeout, boolean counters, boolean comment, boolean skbinfo) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        this.w = w;
        this.stride = w + 1;
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.seed = seed;
        this.slots = new long[Math.multiplyExact(capacity, stride)];
        this.expires = timeout ? new long[capacity] : null;
        this.counters = counters ? new long[capacity * 2] : null;
        this.comments = comment ? new String[capacity] : null;
        this.skb = skbinfo ? new long[capacity * 4] : null;
    }

    HashTable emptyLike(int newCapacity) {
        return new HashTable(w, newCapacity, seed, expires != null, counters != null, comments != null, skb != null);
    }

    static long hash(long seed, long[] key, int w) {
        long h = seed;
        for (int i = 0; i < w; i++) {
            h = mix(h ^ key[i]);
        }
        return h;
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** The slot holding {@code key} (LIVE), or -1. Lock-free. */
    int find(long[] key) {
        int i = (int) hash(seed, key, w) & mask;
        final long[] s = slots;
        for (;;) {
            int base = i * stride;
            long meta = (long) LONGS.getAcquire(s, base);
            long state = meta & STATE;
            if (state == EMPTY) {
                return -1;
            }
            if (state == LIVE && equal(s, base + 1, key)) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    private boolean equal(long[] s, int off, long[] key) {
        for (int k = 0; k < w; k++) {
            if (s[off + k] != key[k]) {
                return false;
            }
        }
        return true;
    }

    long meta(int slot) {
        return (long) LONGS.getAcquire(slots, slot * stride);
    }

    boolean isLive(int slot) {
        return (meta(slot) & STATE) == LIVE;
    }

    boolean nomatch(int slot) {
        return (meta(slot) & NOMATCH) != 0;
    }

    long keyWord(int slot, int k) {
        return slots[slot * stride + 1 + k];
    }

    boolean expired(int slot, long now) {
        if (expires == null) {
            return false;
        }
        long e = (long) LONGS.getOpaque(expires, slot);
        return e != 0 && now >= e;
    }

    long expiry(int slot) {
        return expires == null ? 0 : (long) LONGS.getOpaque(expires, slot);
    }

    long packets(int slot) {
        return (long) LONGS.getOpaque(counters, slot * 2);
    }

    long bytes(int slot) {
        return (long) LONGS.getOpaque(counters, slot * 2 + 1);
    }

    /** Packet path: one more packet of {@code len} bytes for the entry in {@code slot}. */
    void count(int slot, long len) {
        LONGS.getAndAdd(counters, slot * 2, 1L);
        LONGS.getAndAdd(counters, slot * 2 + 1, len);
    }

    // ---- writer side (the caller holds the set's lock) ----

    /** True when one more insert would fill more than 5/8 of the slots (live and deleted). */
    boolean needsRebuild() {
        return (used + 1L) * 8 > capacity * 5L;
    }

    /**
     * Inserts a key that is not in the table (the caller checked with {@link #find}); the caller has
     * made room with {@link #needsRebuild}. Extensions are written before the slot is published.
     */
    int insert(long[] key, long flags, long expiry, long packets, long bytes, String comment, long[] skbValues) {
        int i = (int) hash(seed, key, w) & mask;
        while ((slots[i * stride] & STATE) != EMPTY) {
            i = (i + 1) & mask;
        }
        int base = i * stride;
        System.arraycopy(key, 0, slots, base + 1, w);
        setExtensions(i, expiry, packets, bytes, comment, skbValues);
        LONGS.setRelease(slots, base, LIVE | flags);
        live++;
        used++;
        return i;
    }

    /** Renews an entry in place (add -exist): flags, timeout, counters, comment, skbinfo. */
    void update(int slot, long flags, long expiry, long packets, long bytes, boolean setCounters, String comment,
            long[] skbValues) {
        if (expires != null) {
            LONGS.setOpaque(expires, slot, expiry);
        }
        if (counters != null && setCounters) {
            LONGS.setOpaque(counters, slot * 2, packets);
            LONGS.setOpaque(counters, slot * 2 + 1, bytes);
        }
        if (comments != null) {
            comments[slot] = comment;
        }
        if (skb != null && skbValues != null) {
            System.arraycopy(skbValues, 0, skb, slot * 4, 4);
        }
        LONGS.setRelease(slots, slot * stride, LIVE | flags);
    }

    void setExpiry(int slot, long expiry) {
        if (expires != null) {
            LONGS.setOpaque(expires, slot, expiry);
        }
    }

    private void setExtensions(int i, long expiry, long packets, long bytes, String comment, long[] skbValues) {
        if (expires != null) {
            LONGS.setOpaque(expires, i, expiry);
        }
        if (counters != null) {
            LONGS.setOpaque(counters, i * 2, packets);
            LONGS.setOpaque(counters, i * 2 + 1, bytes);
        }
        if (comments != null) {
            comments[i] = comment;
        }
        if (skb != null) {
            if (skbValues != null) {
                System.arraycopy(skbValues, 0, skb, i * 4, 4);
            } else {
                skb[i * 4] = 0;
                skb[i * 4 + 1] = 0;
                skb[i * 4 + 2] = 0;
                skb[i * 4 + 3] = 0;
            }
        }
    }

    void delete(int slot) {
        long meta = slots[slot * stride];
        LONGS.setRelease(slots, slot * stride, (meta & ~STATE) | DELETED);
        live--;
    }

    /**
     * A new table with the live, unexpired entries of this one, with room for {@code minLive} entries
     * at most half full. This table is left as it is, for the readers still in it.
     */
    HashTable rebuilt(int minLive, long now) {
        int want = Math.max(64, nextPow2(Math.max(minLive, live) * 2L));
        HashTable t = emptyLike(want);
        long[] key = new long[w];
        long[] skbv = skb != null ? new long[4] : null;
        for (int i = 0; i < capacity; i++) {
            int base = i * stride;
            long meta = slots[base];
            if ((meta & STATE) != LIVE || expired(i, now)) {
                continue;
            }
            System.arraycopy(slots, base + 1, key, 0, w);
            if (skbv != null) {
                System.arraycopy(skb, i * 4, skbv, 0, 4);
            }
            t.insert(key, meta & ~STATE, expiry(i), counters != null ? packets(i) : 0,
                    counters != null ? bytes(i) : 0, comments != null ? comments[i] : null, skbv);
        }
        return t;
    }

    static int nextPow2(long n) {
        if (n > (1 << 30)) {
            throw new IllegalStateException("hash table of " + n + " slots is too large");
        }
        return n <= 1 ? 1 : Integer.highestOneBit((int) n - 1) << 1;
    }

    long memory() {
        long m = 64L + slots.length * 8L;
        if (expires != null) {
            m += expires.length * 8L;
        }
        if (counters != null) {
            m += counters.length * 8L;
        }
        if (comments != null) {
            m += comments.length * 4L;
        }
        if (skb != null) {
            m += skb.length * 8L;
        }
        return m;
    }
}
