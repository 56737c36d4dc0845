package org.pkttables.conntrack.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.StampedLock;

import org.pkttables.conntrack.CtStatus;

/**
 * The connection table: one entry per connection, found from either direction through a symmetric, seeded
 * hash of the original tuple, in chained hash buckets ({@code head} holds slot+1, 0 = end). No object per
 * entry: the fields a lookup, an update and a flush touch (tuple, status, generation, deadline, chain link,
 * mark) are interleaved in one 64-byte record per slot in {@link #rec}, so finding and updating an entry
 * costs one cache line instead of one per field; counters and the TCP window state sit in their own arrays.
 *
 * <p>Times in a record are ints of milliseconds since the table's epoch, compared by wrapping difference
 * (as the kernel compares jiffies): right while they lie within 24 days of now, which {@link #MAX_TIMEOUT_MS}
 * guarantees for deadlines.
 *
 * <p>Concurrency: buckets are guarded by striped {@link StampedLock}s (no global lock); a stripe covers a
 * run of consecutive buckets, so a flush takes each lock once for a whole run. The packet path takes its
 * stripe's write lock while it looks up and updates an entry, as the kernel takes ct->lock; control-plane
 * readers walk chains with optimistic reads. Free slots sit on a lock-free stack (tagged head against ABA),
 * so creating an entry only touches preallocated arrays.
 *
 * <p>A slot is free, unconfirmed (allocated by a packet not yet through the confirm hook, not in any
 * chain) or confirmed (in its chain, status has CONFIRMED). The generation counts reuses, so a stale
 * reference (slot, gen) can be told apart from the slot's next owner.
 */
final class ConntrackTable {
    /** Longs per record (64 bytes: one cache line). */
    static final int R = 8;
    /**
     * Longs before record 0: a large array starts at a heap-region boundary plus a 16-byte header, so 6
     * longs of padding put every record on its own cache line.
     */
    static final int PAD = 6;
    /** Record words: original ports (sport << 16 | dport) << 32 | meta. */
    static final int PM = 0;
    static final int SLO = 1;
    static final int DLO = 2;
    static final int SHI = 3;
    static final int DHI = 4;
    /** status << 32 | generation. */
    static final int SG = 5;
    /**
     * deadline << 32 | chain link. The deadline: expiry time (while unconfirmed: the timeout itself, counted
     * from confirmation as the kernel does). The link: slot+1 of the next entry, 0 = end; the free stack
     * reuses it. Both are written only by the stripe's lock holder, or by the slot's owner while it is in no
     * chain, so packing them loses no update.
     */
    static final int DN = 6;
    /**
     * connmark << 32 | creation time. The mark is written without the stripe lock (CONNMARK on the packet
     * path), so it shares its word only with a field set once while the slot is private.
     */
    static final int MC = 7;
    /** Longest timeout a deadline can hold (24 days): wrapping int differences stay right. */
    static final long MAX_TIMEOUT_MS = 24L * 24 * 3600 * 1000;
    static final int MAX_CAPACITY = 1 << 27;
    /** The mark word is written from several threads without the stripe lock: compare-and-set. */
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    final int capacity;
    final int bucketMask;
    private final int stripeShift;
    final TupleHash hasher;
    /** Origin of the record's times (ints of milliseconds). */
    private final long epoch;

    final int[] head;
    final long[] rec;
    /** Protocol state (TCP state number), kept here so listing and early drop need no tracker. */
    final byte[] protoState;
    /** Packets and bytes per direction: [slot * 4 + direction * 2] packets, [... + 1] bytes. */
    final long[] counters;

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
    private final StampedLock[] locks;
    private final AtomicLong freeTop = new AtomicLong();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger confirmed = new AtomicInteger();

    ConntrackTable(int capacity) {
        this(capacity, new SecureRandom().nextLong());
    }

    /** @param seed key of the hash; random per start in production, fixed in tests that need it */
    ConntrackTable(int capacity, long seed) {
        this(capacity, seed, System.currentTimeMillis());
    }

    ConntrackTable(int capacity, long seed, long epochMillis) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("conntrack max " + capacity + " is outside 1.." + MAX_CAPACITY);
        }
        this.capacity = capacity;
        this.epoch = epochMillis;
        int buckets = Integer.highestOneBit(Math.max(16, capacity - 1) << 1);
        this.bucketMask = buckets - 1;
        int stripes = Math.min(buckets, 4096);
        this.stripeShift = Integer.numberOfTrailingZeros(buckets) - Integer.numberOfTrailingZeros(stripes);
        hasher = new TupleHash(seed);
        head = new int[buckets];
        rec = new long[PAD + capacity * R];
        protoState = new byte[capacity];
        counters = new long[capacity * 4];
        natReply = new long[capacity * 5];
        rhead = new int[buckets];
        rnext = new int[capacity];
        locks = new StampedLock[stripes];
        for (int i = 0; i < stripes; i++) {
            locks[i] = new StampedLock();
        }
        // Free stack: slot i links to i+1 (value slot+1), top = slot 0.
        for (int i = 0; i < capacity; i++) {
            rec[o(i) + DN] = i + 2 <= capacity ? i + 2 : 0;
        }
        freeTop.set(1);
    }

    /** Index of a slot's record in {@link #rec}. */
    static int o(int slot) {
        return PAD + slot * R;
    }

    // ---- fields ----

    static long pm(int ports, int meta) {
        return ((long) ports << 32) | (meta & 0xffffffffL);
    }

    int ports(int s) {
        return (int) (rec[o(s) + PM] >>> 32);
    }

    int meta(int s) {
        return (int) rec[o(s) + PM];
    }

    int proto(int s) {
        return (meta(s) >>> 16) & 0xff;
    }

    long sHi(int s) {
        return rec[o(s) + SHI];
    }

    long sLo(int s) {
        return rec[o(s) + SLO];
    }

    long dHi(int s) {
        return rec[o(s) + DHI];
    }

    long dLo(int s) {
        return rec[o(s) + DLO];
    }

    /** Writes the tuple of a slot that is in no chain yet. */
    void setTuple(int s, PacketTuple t) {
        int i = o(s);
        rec[i + PM] = pm((t.sport << 16) | t.dport, t.meta);
        rec[i + SLO] = t.sLo;
        rec[i + DLO] = t.dLo;
        rec[i + SHI] = t.sHi;
        rec[i + DHI] = t.dHi;
    }

    int status(int s) {
        return (int) (rec[o(s) + SG] >>> 32);
    }

    void setStatus(int s, int status) {
        int i = o(s) + SG;
        rec[i] = ((long) status << 32) | (rec[i] & 0xffffffffL);
    }

    void orStatus(int s, int bits) {
        rec[o(s) + SG] |= (long) bits << 32;
    }

    int gen(int s) {
        return (int) rec[o(s) + SG];
    }

    private int rel(long ms) {
        return (int) (ms - epoch);
    }

    /** Milliseconds until a confirmed entry expires (0 or less: expired). */
    long left(int s, long now) {
        return (int) (rec[o(s) + DN] >>> 32) - rel(now);
    }

    /** The entry expires {@code timeoutMs} after {@code now} (at most {@link #MAX_TIMEOUT_MS}). */
    void setDeadline(int s, long now, long timeoutMs) {
        setDeadlineWord(s, rel(now) + (int) Math.min(timeoutMs, MAX_TIMEOUT_MS));
    }

    /** An unconfirmed entry's timeout, kept until confirmation starts it. */
    long pendingTimeout(int s) {
        return (int) (rec[o(s) + DN] >>> 32);
    }

    void setPendingTimeout(int s, long timeoutMs) {
        setDeadlineWord(s, (int) Math.min(timeoutMs, MAX_TIMEOUT_MS));
    }

    private void setDeadlineWord(int s, int v) {
        int i = o(s) + DN;
        rec[i] = ((long) v << 32) | (rec[i] & 0xffffffffL);
    }

    int mark(int s) {
        return (int) (rec[o(s) + MC] >>> 32);
    }

    void setMark(int s, int m) {
        int i = o(s) + MC;
        long old;
        do {
            old = (long) LONGS.getVolatile(rec, i);
        } while (!LONGS.compareAndSet(rec, i, old, ((long) m << 32) | (old & 0xffffffffL)));
    }

    /** Restarts the time {@link #age} measures (TCP: entering CLOSE_WAIT), keeping the mark. */
    void restamp(int s, long now) {
        int i = o(s) + MC;
        long old;
        do {
            old = (long) LONGS.getVolatile(rec, i);
        } while (!LONGS.compareAndSet(rec, i, old, (old & 0xffffffff00000000L) | (rel(now) & 0xffffffffL)));
    }

    /**
     * Milliseconds since the entry was created, or for TCP since it entered CLOSE_WAIT (TCP needs no
     * creation time); wraps after 24 days.
     */
    long age(int s, long now) {
        return rel(now) - (int) rec[o(s) + MC];
    }

    /** A new entry: mark 0, created now. */
    void setCreated(int s, long now) {
        rec[o(s) + MC] = rel(now) & 0xffffffffL;
    }

    long packets(int s, boolean reply) {
        return counters[s * 4 + (reply ? 2 : 0)];
    }

    long bytes(int s, boolean reply) {
        return counters[s * 4 + (reply ? 3 : 1)];
    }

    /** Counts one packet of {@code len} bytes in a direction. */
    void count(int s, boolean reply, int len) {
        int i = s * 4 + (reply ? 2 : 0);
        counters[i]++;
        counters[i + 1] += len;
    }

    /** Sets the counters of a new entry: its first packet, original direction. */
    void firstPacket(int s, int len) {
        int i = s * 4;
        counters[i] = 1;
        counters[i + 1] = len;
        counters[i + 2] = 0;
        counters[i + 3] = 0;
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

    /**
     * The zone lives in the upper 16 bits of the status word (the kernel's IPS_* bits use the lower
     * ones), so zoned entries cost no extra space; in the SG word it starts at bit 48.
     */
    static final int ZONE_SHIFT = 16;
    private static final int ZONE_SHIFT_SG = 32 + ZONE_SHIFT;

    /** Zones change the hash too, so the same tuple in many zones does not pile up in one chain. */
    static int zoneMix(int zone) {
        return zone == 0 ? 0 : (zone * 0x9E3779B1) | 1 << 30;
    }

    int zone(int s) {
        return (int) (rec[o(s) + SG] >>> ZONE_SHIFT_SG);
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

    int next(int s) {
        return (int) rec[o(s) + DN];
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

    void setNext(int s, int e) {
        int i = o(s) + DN;
        rec[i] = (rec[i] & 0xffffffff00000000L) | (e & 0xffffffffL);
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

    /** Status cleared, generation bumped: stale references to the slot stop matching. */
    private void retire(int slot) {
        int i = o(slot) + SG;
        rec[i] = (rec[i] + 1) & 0xffffffffL;
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

    long id(int slot) {
        return ((long) gen(slot) << 32) | slot;
    }
}
