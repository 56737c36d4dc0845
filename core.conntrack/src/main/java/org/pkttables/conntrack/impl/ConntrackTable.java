package org.pkttables.conntrack.impl;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.StampedLock;

/**
 * The connection table: one entry per connection in parallel primitive arrays (struct of arrays, no
 * object per entry), chained hash buckets ({@code head}/{@code next} hold slot+1, 0 = end), found from
 * either direction through a symmetric, seeded hash of the original tuple.
 *
 * <p>Concurrency: buckets are guarded by striped {@link StampedLock}s (no global lock). The packet path
 * takes its stripe's write lock while it looks up and updates an entry, as the kernel takes ct->lock;
 * control-plane readers walk chains with optimistic reads. Free slots sit on a lock-free stack (tagged
 * head against ABA), so creating an entry only touches preallocated arrays.
 *
 * <p>A slot is free, unconfirmed (allocated by a packet not yet through the confirm hook, not in any
 * chain) or confirmed (in its chain, status has CONFIRMED). {@code gen} counts reuses, so a stale
 * reference (slot, gen) can be told apart from the slot's next owner.
 */
final class ConntrackTable {
    final int capacity;
    final int bucketMask;
    private final int stripeMask;
    private final long seedA;
    private final long seedB;
    private final long seedC;

    final int[] head;
    final int[] next;
    final long[] sHi;
    final long[] sLo;
    final long[] dHi;
    final long[] dLo;
    /** Original direction: sport << 16 | dport. */
    final int[] ports;
    final int[] meta;
    final int[] status;
    final int[] mark;
    final int[] gen;
    /** Protocol state (TCP state number), kept here so listing and early drop need no tracker. */
    final byte[] protoState;
    final long[] deadline;
    final long[] created;
    /** Packets and bytes, [slot * 2 + direction]. */
    final long[] packets;
    final long[] bytes;

    private final StampedLock[] locks;
    private final AtomicLong freeTop = new AtomicLong();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger confirmed = new AtomicInteger();

    ConntrackTable(int capacity) {
        this(capacity, new SecureRandom().nextLong());
    }

    /** @param seed key of the hash; random per start in production, fixed in tests that need it */
    ConntrackTable(int capacity, long seed) {
        if (capacity < 1 || capacity > (1 << 28)) {
            throw new IllegalArgumentException("conntrack max " + capacity + " is outside 1.." + (1 << 28));
        }
        this.capacity = capacity;
        int buckets = Integer.highestOneBit(Math.max(16, capacity - 1) << 1);
        this.bucketMask = buckets - 1;
        int stripes = Math.min(buckets, 4096);
        this.stripeMask = stripes - 1;
        long s = seed;
        seedA = mix(s += 0x9E3779B97F4A7C15L);
        seedB = mix(s += 0x9E3779B97F4A7C15L);
        seedC = mix(s + 0x9E3779B97F4A7C15L);
        head = new int[buckets];
        next = new int[capacity];
        sHi = new long[capacity];
        sLo = new long[capacity];
        dHi = new long[capacity];
        dLo = new long[capacity];
        ports = new int[capacity];
        meta = new int[capacity];
        status = new int[capacity];
        mark = new int[capacity];
        gen = new int[capacity];
        protoState = new byte[capacity];
        deadline = new long[capacity];
        created = new long[capacity];
        packets = new long[capacity * 2];
        bytes = new long[capacity * 2];
        locks = new StampedLock[stripes];
        for (int i = 0; i < stripes; i++) {
            locks[i] = new StampedLock();
        }
        // Free stack: slot i links to i+1 through next[] (value slot+1), top = slot 0.
        for (int i = 0; i < capacity; i++) {
            next[i] = i + 2 <= capacity ? i + 2 : 0;
        }
        freeTop.set(1);
    }

    // ---- hashing ----

    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private long endpoint(long hi, long lo, int port) {
        return mix(mix(mix(hi + seedA) + lo) + (port + seedB));
    }

    /**
     * Symmetric hash of a tuple: both endpoints are hashed on their own (seeded), then combined in sorted
     * order, so hash(a,b) == hash(b,a) and a lookup from the reply side finds the same bucket.
     */
    int hash(long aHi, long aLo, int aPort, long bHi, long bLo, int bPort, int meta) {
        long a = endpoint(aHi, aLo, aPort);
        long b = endpoint(bHi, bLo, bPort);
        long lo = Math.min(a, b);
        long hi = Math.max(a, b);
        return (int) mix(mix(lo ^ seedC) + hi + meta);
    }

    int hash(PacketTuple t) {
        return hash(t.sHi, t.sLo, t.sport, t.dHi, t.dLo, t.dport, t.meta);
    }

    int hashOf(int slot) {
        int p = ports[slot];
        return hash(sHi[slot], sLo[slot], p >>> 16, dHi[slot], dLo[slot], p & 0xffff, meta[slot]);
    }

    StampedLock lock(int hash) {
        return locks[hash & bucketMask & stripeMask];
    }

    StampedLock lockOfBucket(int bucket) {
        return locks[bucket & stripeMask];
    }

    // ---- chains (callers hold the bucket's lock, or validate an optimistic read) ----

    /**
     * The entry of the tuple in its chain: {@code slot << 1 | direction} (1 = reply), or -1. Bounded
     * walk: a chain modified under an optimistic reader can never make it loop.
     */
    int find(int hash, PacketTuple t) {
        int pOrig = (t.sport << 16) | t.dport;
        int pRepl = (t.dport << 16) | t.sport;
        int e = head[hash & bucketMask];
        for (int steps = 0; e != 0 && steps < capacity; steps++) {
            int s = e - 1;
            if (meta[s] == t.meta) {
                if (t.dirConstraint != PacketTuple.REPLY_ONLY && ports[s] == pOrig && sLo[s] == t.sLo
                        && dLo[s] == t.dLo && sHi[s] == t.sHi && dHi[s] == t.dHi) {
                    return s << 1;
                }
                if (t.dirConstraint != PacketTuple.ORIG_ONLY && ports[s] == pRepl && sLo[s] == t.dLo
                        && dLo[s] == t.sLo && sHi[s] == t.dHi && dHi[s] == t.sHi) {
                    return (s << 1) | 1;
                }
            }
            e = next[s];
        }
        return -1;
    }

    /** Lock-free lookup (optimistic read, retried under the read lock if a writer interfered). */
    int lookup(PacketTuple t) {
        int h = hash(t);
        StampedLock l = lock(h);
        long st = l.tryOptimisticRead();
        if (st != 0) {
            int r = find(h, t);
            if (l.validate(st)) {
                return r;
            }
        }
        st = l.readLock();
        try {
            return find(h, t);
        } finally {
            l.unlockRead(st);
        }
    }

    void link(int hash, int slot) {
        int b = hash & bucketMask;
        next[slot] = head[b];
        head[b] = slot + 1;
        confirmed.incrementAndGet();
    }

    /** Removes a confirmed slot from its chain; false when it is not there. */
    boolean unlink(int hash, int slot) {
        int b = hash & bucketMask;
        int e = head[b];
        int prev = -1;
        while (e != 0) {
            int s = e - 1;
            if (s == slot) {
                if (prev < 0) {
                    head[b] = next[s];
                } else {
                    next[prev] = next[s];
                }
                confirmed.decrementAndGet();
                return true;
            }
            prev = s;
            e = next[s];
        }
        return false;
    }

    /** Bookkeeping for callers that unlink by hand while walking a chain. */
    void unlinked() {
        confirmed.decrementAndGet();
    }

    // ---- slots ----

    /** Takes a free slot, or -1 when all {@link #capacity} are in use. */
    int allocate() {
        if (count.incrementAndGet() > capacity) {
            count.decrementAndGet();
            return -1;
        }
        while (true) {
            long top = freeTop.get();
            int e = (int) top;
            if (e == 0) {
                count.decrementAndGet();
                return -1;
            }
            int s = e - 1;
            long nt = ((top >>> 32) + 1) << 32 | (next[s] & 0xffffffffL);
            if (freeTop.compareAndSet(top, nt)) {
                next[s] = 0;
                return s;
            }
        }
    }

    /** Returns a slot (already unlinked, or never linked) to the free stack. */
    void free(int slot) {
        status[slot] = 0;
        gen[slot]++;
        while (true) {
            long top = freeTop.get();
            next[slot] = (int) top;
            long nt = ((top >>> 32) + 1) << 32 | (slot + 1);
            if (freeTop.compareAndSet(top, nt)) {
                count.decrementAndGet();
                return;
            }
        }
    }

    /** Allocated slots, confirmed or not (what nf_conntrack_count counts). */
    int count() {
        return count.get();
    }

    int confirmedCount() {
        return confirmed.get();
    }

    int buckets() {
        return bucketMask + 1;
    }

    /** Length of one bucket's chain (distribution reports). */
    int chainLength(int bucket) {
        int n = 0;
        for (int e = head[bucket]; e != 0 && n < capacity; e = next[e - 1]) {
            n++;
        }
        return n;
    }

    long id(int slot) {
        return ((long) gen[slot] << 32) | slot;
    }
}
