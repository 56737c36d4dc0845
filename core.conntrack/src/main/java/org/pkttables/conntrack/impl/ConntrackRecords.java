package org.pkttables.conntrack.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The records of the connection table ({@link ConntrackTable}): no object per entry: the fields a lookup,
 * an update and a flush touch (tuple, status, generation, deadline, chain link, mark) are interleaved in
 * one 64-byte record per slot in {@link #rec}, so finding and updating an entry costs one cache line
 * instead of one per field; counters and the TCP window state sit in their own arrays. This class is the
 * record layout and the accessors of its words; the buckets ({@link ConntrackBuckets}) and the table with
 * its free slots and NAT reply index build on it. (A superclass rather than a field: the packet path
 * reaches every word without an extra dereference.)
 *
 * <p>Times in a record are ints of milliseconds since the table's epoch, compared by wrapping difference
 * (as the kernel compares jiffies): right while they lie within 24 days of now, which {@link #MAX_TIMEOUT_MS}
 * guarantees for deadlines.
 */
abstract class ConntrackRecords {
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
    /** Origin of the record's times (ints of milliseconds). */
    private final long epoch;
    final long[] rec;
    /** Protocol state (TCP state number), kept here so listing and early drop need no tracker. */
    final byte[] protoState;
    /** Packets and bytes per direction: [slot * 4 + direction * 2] packets, [... + 1] bytes. */
    final long[] counters;

    /**
     * The zone lives in the upper 16 bits of the status word (the kernel's IPS_* bits use the lower
     * ones), so zoned entries cost no extra space; in the SG word it starts at bit 48.
     */
    static final int ZONE_SHIFT = 16;
    static final int ZONE_SHIFT_SG = 32 + ZONE_SHIFT;

    ConntrackRecords(int capacity, long epochMillis) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("conntrack max " + capacity + " is outside 1.." + MAX_CAPACITY);
        }
        this.capacity = capacity;
        this.epoch = epochMillis;
        rec = new long[PAD + capacity * R];
        protoState = new byte[capacity];
        counters = new long[capacity * 4];
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

    int zone(int s) {
        return (int) (rec[o(s) + SG] >>> ZONE_SHIFT_SG);
    }

    int next(int s) {
        return (int) rec[o(s) + DN];
    }

    void setNext(int s, int e) {
        int i = o(s) + DN;
        rec[i] = (rec[i] & 0xffffffff00000000L) | (e & 0xffffffffL);
    }

    /** Status cleared, generation bumped: stale references to the slot stop matching. */
    void retire(int slot) {
        int i = o(slot) + SG;
        rec[i] = (rec[i] + 1) & 0xffffffffL;
    }

    long id(int slot) {
        return ((long) gen(slot) << 32) | slot;
    }
}
