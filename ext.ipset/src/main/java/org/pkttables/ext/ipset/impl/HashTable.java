package org.pkttables.ext.ipset.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Open addressing with linear probing over keys of {@code w} longs, read without locks while one writer
 * (holding the set's lock) changes it. Each slot is a meta word followed by the key words, in one
 * {@code long[]}, so a probe usually touches one cache line. A key of one word of at most 61 bits
 * (hash:ip, hash:net, hash:ip,port, hash:mac over IPv4) shares its word with the meta bits
 * ("compact": 8 bytes a slot, one load a probe).
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
    /** Compact slots: state and flags in the top three bits, the key below. */
    static final int COMPACT_KEY_BITS = 61;
    private static final long C_LIVE = 1L << 63;
    private static final long C_DELETED = 1L << 62;
    private static final long C_NOMATCH = 1L << 61;
    private static final long C_KEY = C_NOMATCH - 1;

    final int w;
    final boolean compact;
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

    HashTable(int w, boolean compact, int capacity, long seed, boolean timeout, boolean counters, boolean comment,
            boolean skbinfo) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        if (compact && w != 1) {
            throw new IllegalArgumentException("compact slots hold one key word");
        }
        this.w = w;
        this.compact = compact;
        this.stride = compact ? 1 : w + 1;
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
        return new HashTable(w, compact, newCapacity, seed, expires != null, counters != null, comments != null,
                skb != null);
    }

    static long hash(long seed, long[] key, int w) {
        long h = seed;
        for (int i = 0; i < w; i++) {
            h = mix(h ^ key[i]);
        }
        return h;
    }

    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** The slot holding the one-word {@code key} (LIVE), or -1. Lock-free; the packet path of compact tables. */
    int find1(long key) {
        int i = (int) mix(seed ^ key) & mask;
        final long[] s = slots;
        if (compact) {
            final long live = C_LIVE | key;
            for (;;) {
                long v = (long) LONGS.getAcquire(s, i);
                if (v == 0) {
                    return -1;
                }
                if ((v & ~C_NOMATCH) == live) {
                    return i;
                }
                i = (i + 1) & mask;
            }
        }
        for (;;) {
            int base = i * stride;
            long meta = (long) LONGS.getAcquire(s, base);
            long state = meta & STATE;
            if (state == EMPTY) {
                return -1;
            }
            if (state == LIVE && s[base + 1] == key) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /** The slot holding {@code key} (LIVE), or -1. Lock-free. */
    int find(long[] key) {
        if (w == 1) {
            return find1(key[0]);
        }
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

    /** The slot's state and flags in the layout of the separate meta word (EMPTY/LIVE/DELETED | NOMATCH). */
    long meta(int slot) {
        if (compact) {
            long v = (long) LONGS.getAcquire(slots, slot);
            long state = (v & C_LIVE) != 0 ? LIVE : (v & C_DELETED) != 0 ? DELETED : EMPTY;
            return state | ((v & C_NOMATCH) != 0 ? NOMATCH : 0);
        }
        return (long) LONGS.getAcquire(slots, slot * stride);
    }

    boolean isLive(int slot) {
        return (meta(slot) & STATE) == LIVE;
    }

    boolean nomatch(int slot) {
        return (meta(slot) & NOMATCH) != 0;
    }

    long keyWord(int slot, int k) {
        return compact ? slots[slot] & C_KEY : slots[slot * stride + 1 + k];
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
        if (compact) {
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            setExtensions(i, expiry, packets, bytes, comment, skbValues);
            LONGS.setRelease(slots, i, compactWord(key[0], LIVE | flags));
        } else {
            while ((slots[i * stride] & STATE) != EMPTY) {
                i = (i + 1) & mask;
            }
            int base = i * stride;
            System.arraycopy(key, 0, slots, base + 1, w);
            setExtensions(i, expiry, packets, bytes, comment, skbValues);
            LONGS.setRelease(slots, base, LIVE | flags);
        }
        live++;
        used++;
        return i;
    }

    private static long compactWord(long key, long meta) {
        long state = meta & STATE;
        return key | (state == LIVE ? C_LIVE : state == DELETED ? C_DELETED : 0)
                | ((meta & NOMATCH) != 0 ? C_NOMATCH : 0);
    }

    private void publish(int slot, long meta) {
        if (compact) {
            LONGS.setRelease(slots, slot, compactWord(slots[slot] & C_KEY, meta));
        } else {
            LONGS.setRelease(slots, slot * stride, meta);
        }
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
        publish(slot, LIVE | flags);
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
        publish(slot, (meta(slot) & ~STATE) | DELETED);
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
            long meta = meta(i);
            if ((meta & STATE) != LIVE || expired(i, now)) {
                continue;
            }
            for (int k = 0; k < w; k++) {
                key[k] = keyWord(i, k);
            }
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
