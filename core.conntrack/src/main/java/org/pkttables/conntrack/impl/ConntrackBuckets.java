package org.pkttables.conntrack.impl;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.StampedLock;

import org.pkttables.conntrack.CtStatus;

/**
 * The buckets of the connection table ({@link ConntrackTable}): entries are found from either direction
 * through a symmetric, seeded hash of the original tuple, in chained hash buckets ({@code head} holds
 * slot+1, 0 = end), the chain links living in the records ({@link ConntrackRecords}).
 *
 * <p>Concurrency: buckets are guarded by striped {@link StampedLock}s (no global lock); a stripe covers a
 * run of consecutive buckets, so a flush takes each lock once for a whole run. The packet path takes its
 * stripe's write lock while it looks up and updates an entry, as the kernel takes ct->lock; control-plane
 * readers walk chains with optimistic reads.
 */
abstract class ConntrackBuckets extends ConntrackRecords {
    final int bucketMask;
    private final int stripeShift;
    final TupleHash hasher;
    final int[] head;
    private final StampedLock[] locks;
    private final AtomicInteger confirmed = new AtomicInteger();

    ConntrackBuckets(int capacity, long seed, long epochMillis) {
        super(capacity, epochMillis);
        int buckets = Integer.highestOneBit(Math.max(16, capacity - 1) << 1);
        this.bucketMask = buckets - 1;
        int stripes = Math.min(buckets, 4096);
        this.stripeShift = Integer.numberOfTrailingZeros(buckets) - Integer.numberOfTrailingZeros(stripes);
        hasher = new TupleHash(seed);
        head = new int[buckets];
        locks = new StampedLock[stripes];
        for (int i = 0; i < stripes; i++) {
            locks[i] = new StampedLock();
        }
    }

    // ---- hashing ----

    int hash(long aHi, long aLo, int aPort, long bHi, long bLo, int bPort, int meta) {
        return hasher.hash(aHi, aLo, aPort, bHi, bLo, bPort, meta);
    }

    int hash(PacketTuple t) {
        return hash(t.sHi, t.sLo, t.sport, t.dHi, t.dLo, t.dport, t.meta ^ zoneMix(t.zone));
    }

    int hashOf(int slot) {
        int i = o(slot);
        long pm = rec[i + PM];
        int p = (int) (pm >>> 32);
        return hash(rec[i + SHI], rec[i + SLO], p >>> 16, rec[i + DHI], rec[i + DLO], p & 0xffff,
                (int) pm ^ zoneMix((int) (rec[i + SG] >>> ZONE_SHIFT_SG)));
    }

    /** Zones change the hash too, so the same tuple in many zones does not pile up in one chain. */
    static int zoneMix(int zone) {
        return zone == 0 ? 0 : (zone * 0x9E3779B1) | 1 << 30;
    }

    StampedLock lock(int hash) {
        return locks[(hash & bucketMask) >>> stripeShift];
    }

    /** Index of the stripe guarding {@code hash}'s bucket (two stripes are always locked in this order). */
    int stripeOf(int hash) {
        return (hash & bucketMask) >>> stripeShift;
    }

    StampedLock lockOfBucket(int bucket) {
        return locks[bucket >>> stripeShift];
    }

    int stripes() {
        return locks.length;
    }

    /** Buckets per stripe: stripe i guards buckets [i * n, (i + 1) * n). */
    int bucketsPerStripe() {
        return 1 << stripeShift;
    }

    StampedLock stripe(int i) {
        return locks[i];
    }

    // ---- chains (callers hold the bucket's lock, or validate an optimistic read) ----

    /**
     * The entry of the tuple in its chain: {@code slot << 1 | direction} (1 = reply), or -1. Bounded
     * walk: a chain modified under an optimistic reader can never make it loop.
     */
    int find(int hash, PacketTuple t) {
        return find(hash, t.sport, t.dport, t.meta, t.sHi, t.sLo, t.dHi, t.dLo, t.zone, t.dirConstraint);
    }

    /** {@link #find(int, PacketTuple)} for a tuple given by its words. */
    int find(int hash, int sport, int dport, int meta, long sHi, long sLo, long dHi, long dLo, int zone,
            int dirConstraint) {
        long pmOrig = pm((sport << 16) | dport, meta);
        long pmRepl = pm((dport << 16) | sport, meta);
        long[] r = rec;
        int e = head[hash & bucketMask];
        for (int steps = 0; e != 0 && steps < capacity; steps++) {
            int s = e - 1;
            int i = o(s);
            long pm = r[i + PM];
            if (pm == pmOrig && dirConstraint != PacketTuple.REPLY_ONLY && r[i + SLO] == sLo
                    && r[i + DLO] == dLo && r[i + SHI] == sHi && r[i + DHI] == dHi
                    && (int) (r[i + SG] >>> ZONE_SHIFT_SG) == zone) {
                return s << 1;
            }
            // A NAT entry's replies have their own tuple, found in the reply index.
            if (pm == pmRepl && dirConstraint != PacketTuple.ORIG_ONLY && r[i + SLO] == dLo
                    && r[i + DLO] == sLo && r[i + SHI] == dHi && r[i + DHI] == sHi
                    && (int) (r[i + SG] >>> ZONE_SHIFT_SG) == zone
                    && ((int) (r[i + SG] >>> 32) & CtStatus.NAT_MASK) == 0) {
                return (s << 1) | 1;
            }
            e = (int) r[i + DN];
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

    /** Whether slot {@code s} is in the main chain of {@code hash} (a reply-index hit is still live). */
    boolean inChain(int hash, int s) {
        int e = head[hash & bucketMask];
        for (int steps = 0; e != 0 && steps < capacity; steps++) {
            if (e - 1 == s) {
                return true;
            }
            e = next(e - 1);
        }
        return false;
    }

    void link(int hash, int slot) {
        int b = hash & bucketMask;
        setNext(slot, head[b]);
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
                    head[b] = next(s);
                } else {
                    setNext(prev, next(s));
                }
                confirmed.decrementAndGet();
                return true;
            }
            prev = s;
            e = next(s);
        }
        return false;
    }

    /** Bookkeeping for callers that unlink by hand while walking chains. */
    void unlinked(int n) {
        confirmed.addAndGet(-n);
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
        for (int e = head[bucket]; e != 0 && n < capacity; e = next(e - 1)) {
            n++;
        }
        return n;
    }
}
