package org.pkttables.conntrack.impl;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.StampedLock;

import org.pkttables.conntrack.CtStatus;

/**
 * The connection table: one entry per connection, in the records of {@link ConntrackRecords}, found
 * through the buckets of {@link ConntrackBuckets}. This class adds what makes entries come and go: the
 * free slots, on a lock-free stack (tagged head against ABA), so creating an entry only touches
 * preallocated arrays; and NAT's reply tuples with the reply index that finds a NAT entry from its
 * changed reply direction.
 *
 * <p>A slot is free, unconfirmed (allocated by a packet not yet through the confirm hook, not in any
 * chain) or confirmed (in its chain, status has CONFIRMED). The generation counts reuses, so a stale
 * reference (slot, gen) can be told apart from the slot's next owner.
 */
final class ConntrackTable extends ConntrackBuckets {
    /**
     * NAT: the reply tuple of an entry whose status has a {@link CtStatus#NAT_MASK} bit, 5 longs per slot in
     * the order of a record (ports << 32 | meta, sLo, dLo, sHi, dHi); other entries' reply tuple is their
     * inverted original one and this is not read.
     */
    final long[] natReply;
    /**
     * The reply index: chains (slot+1, 0 = end) of confirmed NAT entries by the hash of their reply tuple,
     * guarded by the same stripe locks as the main chains of that hash.
     */
    private final int[] rhead;
    private final int[] rnext;
    /** Entries in the reply index: lookups skip it while there are none. */
    private final AtomicInteger natLinked = new AtomicInteger();
    private final AtomicLong freeTop = new AtomicLong();
    private final AtomicInteger count = new AtomicInteger();

    ConntrackTable(int capacity) {
        this(capacity, new SecureRandom().nextLong());
    }

    /** @param seed key of the hash; random per start in production, fixed in tests that need it */
    ConntrackTable(int capacity, long seed) {
        this(capacity, seed, System.currentTimeMillis());
    }

    ConntrackTable(int capacity, long seed, long epochMillis) {
        super(capacity, seed, epochMillis);
        natReply = new long[capacity * 5];
        rhead = new int[buckets()];
        rnext = new int[capacity];
        // Free stack: slot i links to i+1 (value slot+1), top = slot 0.
        for (int i = 0; i < capacity; i++) {
            rec[o(i) + DN] = i + 2 <= capacity ? i + 2 : 0;
        }
        freeTop.set(1);
    }

    // ---- NAT: reply tuples and the reply index ----

    /** Whether the entry has its own reply tuple (a NAT binding that changed it). */
    boolean natted(int s) {
        return (status(s) & CtStatus.NAT_MASK) != 0;
    }

    /** Sets the reply tuple of a slot that is in no chain yet. */
    void setReply(int s, int sport, int dport, int meta, long sHi, long sLo, long dHi, long dLo) {
        int i = s * 5;
        natReply[i] = pm((sport << 16) | dport, meta);
        natReply[i + 1] = sLo;
        natReply[i + 2] = dLo;
        natReply[i + 3] = sHi;
        natReply[i + 4] = dHi;
    }

    /** Reply tuple words (valid only when {@link #natted}): ports (sport << 16 | dport). */
    int rPorts(int s) {
        return (int) (natReply[s * 5] >>> 32);
    }

    long rSLo(int s) {
        return natReply[s * 5 + 1];
    }

    long rDLo(int s) {
        return natReply[s * 5 + 2];
    }

    long rSHi(int s) {
        return natReply[s * 5 + 3];
    }

    long rDHi(int s) {
        return natReply[s * 5 + 4];
    }

    /** Hash of a NAT entry's reply tuple: the reply index chain it is in. */
    int hashOfReply(int s) {
        int i = s * 5;
        int p = (int) (natReply[i] >>> 32);
        return hash(natReply[i + 3], natReply[i + 1], p >>> 16, natReply[i + 4], natReply[i + 2], p & 0xffff,
                (int) natReply[i] ^ zoneMix(zone(s)));
    }

    /** NAT entries in the reply index now. */
    int natLinked() {
        return natLinked.get();
    }

    /**
     * The NAT entry whose reply tuple is exactly this packet tuple (it travels in the reply direction), or
     * -1; bounded walk like {@link #find}. Caller holds the bucket's stripe or validates an optimistic read.
     */
    int rfind(int hash, int sport, int dport, int meta, long sHi, long sLo, long dHi, long dLo, int zone,
            int dirConstraint) {
        if (dirConstraint == PacketTuple.ORIG_ONLY) {
            return -1;
        }
        long want = pm((sport << 16) | dport, meta);
        long[] r = natReply;
        int e = rhead[hash & bucketMask];
        for (int steps = 0; e != 0 && steps < capacity; steps++) {
            int s = e - 1;
            int i = s * 5;
            if (r[i] == want && r[i + 1] == sLo && r[i + 2] == dLo && r[i + 3] == sHi && r[i + 4] == dHi
                    && zone(s) == zone) {
                return s;
            }
            e = rnext[s];
        }
        return -1;
    }

    int rfind(int hash, PacketTuple t) {
        return rfind(hash, t.sport, t.dport, t.meta, t.sHi, t.sLo, t.dHi, t.dLo, t.zone, t.dirConstraint);
    }

    /** {@link #rfind} without a lock: optimistic read, retried under the read lock. */
    int rlookup(int hash, PacketTuple t) {
        StampedLock l = lock(hash);
        long st = l.tryOptimisticRead();
        if (st != 0) {
            int r = rfind(hash, t);
            if (l.validate(st)) {
                return r;
            }
        }
        st = l.readLock();
        try {
            return rfind(hash, t);
        } finally {
            l.unlockRead(st);
        }
    }

    /**
     * Whether any confirmed entry has this tuple as its original or its reply tuple (the kernel's
     * nf_conntrack_tuple_taken): caller holds the stripe of {@code hash} (the tuple's hash).
     */
    boolean taken(int hash, int sport, int dport, int meta, long sHi, long sLo, long dHi, long dLo, int zone) {
        return find(hash, sport, dport, meta, sHi, sLo, dHi, dLo, zone, PacketTuple.ANY_DIR) >= 0
                || (natLinked.get() > 0
                        && rfind(hash, sport, dport, meta, sHi, sLo, dHi, dLo, zone, PacketTuple.ANY_DIR) >= 0);
    }

    /** Puts a confirmed NAT entry into the reply index (caller holds the stripe of {@code rhash}). */
    void rlink(int rhash, int slot) {
        int b = rhash & bucketMask;
        rnext[slot] = rhead[b];
        rhead[b] = slot + 1;
        natLinked.incrementAndGet();
    }

    /** Takes a NAT entry out of the reply index, under its stripe's lock (caller holds no stripe lock). */
    private void runlink(int slot) {
        int rh = hashOfReply(slot);
        StampedLock l = lock(rh);
        long st = l.writeLock();
        try {
            int b = rh & bucketMask;
            int e = rhead[b];
            int prev = -1;
            while (e != 0) {
                int s = e - 1;
                if (s == slot) {
                    if (prev < 0) {
                        rhead[b] = rnext[s];
                    } else {
                        rnext[prev] = rnext[s];
                    }
                    natLinked.decrementAndGet();
                    return;
                }
                prev = s;
                e = rnext[s];
            }
        } finally {
            l.unlockWrite(st);
        }
    }

    /** A confirmed NAT entry on its way out leaves the reply index too (before its slot is reused). */
    private void leaveReplyIndex(int slot) {
        int st = status(slot);
        if ((st & CtStatus.NAT_MASK) != 0 && (st & CtStatus.CONFIRMED) != 0) {
            runlink(slot);
        }
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
            long nt = ((top >>> 32) + 1) << 32 | (next(s) & 0xffffffffL);
            if (freeTop.compareAndSet(top, nt)) {
                setNext(s, 0);
                return s;
            }
        }
    }

    /** Returns a slot (already unlinked, or never linked) to the free stack. */
    void free(int slot) {
        leaveReplyIndex(slot);
        retire(slot);
        push(slot, slot, 1);
    }

    /** Returns {@code n} slots to the free stack with one compare-and-set (bulk removal). */
    void freeAll(int[] slots, int n) {
        if (n == 0) {
            return;
        }
        for (int k = 0; k < n; k++) {
            leaveReplyIndex(slots[k]);
            retire(slots[k]);
            if (k + 1 < n) {
                setNext(slots[k], slots[k + 1] + 1);
            }
        }
        push(slots[0], slots[n - 1], n);
    }

    private void push(int first, int last, int n) {
        while (true) {
            long top = freeTop.get();
            setNext(last, (int) top);
            long nt = ((top >>> 32) + 1) << 32 | (first + 1);
            if (freeTop.compareAndSet(top, nt)) {
                count.addAndGet(-n);
                return;
            }
        }
    }

    /** Allocated slots, confirmed or not (what nf_conntrack_count counts). */
    int count() {
        return count.get();
    }
}
