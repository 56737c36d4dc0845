package org.pkttables.conntrack.impl.defrag;

import org.pkttables.api.PacketContext;

/**
 * The reassembly of one worker for one family (the kernel's ip_defrag / nf_ct_frag6_gather for
 * conntrack): fragments are held in the family's {@link FragmentStore} until their datagram is whole,
 * which is then written, link-layer header first, into this worker's output buffer. The flow hash sends
 * all fragments of a datagram (same addresses, no ports) to one worker, so its queues are its own.
 *
 * <p>As Linux since 4.19: a fragment that overlaps one held (other than a duplicate lying inside what is
 * held, which is ignored) drops the whole datagram (RFC 5722 for IPv6, the same rule for IPv4); a last
 * fragment that ends before data already held, a second last fragment with another end, data past the
 * last fragment's end, an empty fragment, all kill it; datagrams not complete after {@code ipfrag_time}
 * time out; when the store is full new fragments are refused. Nothing is allocated per fragment.
 */
public final class Reassembler {
    /** {@link #add} results. */
    public static final int PASS = 0;
    public static final int HELD = 1;
    public static final int DROPPED = 2;
    public static final int COMPLETE = 3;

    /** Datagrams one worker reassembles at once. */
    static final int QUEUES = 256;
    static final int MAX_DATAGRAM = 65535;
    /** IPv6 fragments but the last must be at least the minimum MTU (nf_ct_frag6_gather). */
    static final int IPV6_MIN_MTU = 1280;

    private final boolean v6;
    private final FragmentStore store;
    private final DefragStats stats;
    private final long timeoutNanos;
    private final FragQueue[] queues = new FragQueue[QUEUES];
    private int active;

    /** The last datagram completed: link-layer header at 0, IP header at {@link #outL3}. */
    public final byte[] out = new byte[FragQueue.MAX_HEADER + MAX_DATAGRAM];
    public int outLen;
    public int outL3;
    /** Its largest fragment: the size the output fragments it to again. */
    public int outMaxSize;

    public Reassembler(boolean v6, FragmentStore store, DefragStats stats, long timeoutNanos) {
        this.v6 = v6;
        this.store = store;
        this.stats = stats;
        this.timeoutNanos = timeoutNanos;
        for (int i = 0; i < QUEUES; i++) {
            queues[i] = new FragQueue();
        }
    }

    /** Datagrams being reassembled now. */
    public int active() {
        return active;
    }

    /**
     * Takes the fragment in {@code p} (parsed; {@link PacketContext#isFragment()} true): {@link #HELD} when
     * kept for later, {@link #DROPPED} when refused or its datagram was given up, {@link #COMPLETE} when it
     * completed its datagram (now in {@link #out}), {@link #PASS} when it goes on as it is (an IPv6 atomic
     * fragment, or one the kernel passes unreassembled).
     */
    public int add(PacketContext p, long now) {
        expire(now);
        return v6 ? add6(p, now) : add4(p, now);
    }

    private int add4(PacketContext p, long now) {
        byte[] b = p.buffer();
        int l3 = p.l3Offset();
        int ihl = (b[l3] & 0x0f) * 4;
        int total = p.u16(l3 + 2);
        int field = p.u16(l3 + 6);
        int offset = (field & 0x1fff) * 8;
        boolean more = (field & 0x2000) != 0;
        boolean df = (field & 0x4000) != 0;
        int start = l3 + ihl;
        int end = offset + total - ihl;
        stats.reqds.increment();
        FragQueue q = find(p.u32(l3 + 12), 0, p.u32(l3 + 16), 0, p.u16(l3 + 4), p.u8(l3 + 9), now);
        if (q == null) {
            return refuse();
        }
        if (!more) {
            if (end < q.len || (q.lastIn && end != q.len)) {
                return kill(q);
            }
            q.lastIn = true;
            q.len = end;
        } else {
            end &= ~7;
            if (end > q.len) {
                if (q.lastIn) {
                    return kill(q);
                }
                q.len = end;
            }
        }
        if (end == offset) {
            return kill(q);
        }
        int r = insert(q, b, start, offset, end);
        if (r != HELD) {
            return r;
        }
        if (offset == 0) {
            int h = start - p.start();
            if (h > FragQueue.MAX_HEADER) {
                return kill(q);
            }
            System.arraycopy(b, p.start(), q.hdr, 0, h);
            q.hdrLen = h;
            q.l3 = l3 - p.start();
            q.firstIn = true;
        }
        q.maxSize = Math.max(q.maxSize, total);
        if (df) {
            q.maxDfSize = Math.max(q.maxDfSize, total);
        }
        if (!q.complete()) {
            return HELD;
        }
        int ihlFirst = q.hdrLen - q.l3;
        if (ihlFirst + q.len > MAX_DATAGRAM) {
            return kill(q);
        }
        int n = assemble(q);
        int ip = q.l3;
        put16(out, ip + 2, ihlFirst + q.len);
        // ip_frag_reasm: DF stays when the largest fragment had it, so the path MTU still works.
        put16(out, ip + 6, q.maxDfSize == q.maxSize ? 0x4000 : 0);
        put16(out, ip + 10, 0);
        put16(out, ip + 10, ~checksum(out, ip, ihlFirst) & 0xffff);
        finish(q, n);
        return COMPLETE;
    }

    private int add6(PacketContext p, long now) {
        byte[] b = p.buffer();
        int l3 = p.l3Offset();
        int payloadEnd = l3 + 40 + p.u16(l3 + 4);
        if (payloadEnd > p.end()) {
            return PASS; // the L3 handler marks it malformed
        }
        // The unfragmentable part: hop-by-hop, destination options, routing, up to the fragment header.
        int nh = p.u8(l3 + 6);
        int at = l3 + 6;
        int pos = l3 + 40;
        while (nh == 0 || nh == 43 || nh == 60) {
            if (!p.has(pos, 2)) {
                return PASS;
            }
            at = pos;
            nh = p.u8(pos);
            pos += (p.u8(pos + 1) + 1) * 8;
        }
        if (nh != 44 || pos + 8 > payloadEnd) {
            return PASS;
        }
        int field = p.u16(pos + 2);
        int offset = field & 0xfff8;
        boolean more = (field & 1) != 0;
        if (offset == 0 && !more) {
            return PASS; // an atomic fragment (RFC 6946): a datagram of its own
        }
        stats.reqds.increment();
        if (more && payloadEnd - l3 < IPV6_MIN_MTU) {
            stats.fails.increment();
            return DROPPED;
        }
        int start = pos + 8;
        int end = offset + payloadEnd - start;
        if (end > MAX_DATAGRAM) {
            stats.fails.increment();
            return DROPPED;
        }
        long id = p.u32(pos + 4);
        FragQueue q = find(u64(b, l3 + 8), u64(b, l3 + 16), u64(b, l3 + 24), u64(b, l3 + 32), id, -1, now);
        if (q == null) {
            return refuse();
        }
        if (!more) {
            if (end < q.len || (q.lastIn && end != q.len)) {
                return kill(q);
            }
            q.lastIn = true;
            q.len = end;
        } else {
            if ((end & 7) != 0) {
                // nf_ct_frag6_queue: the datagram is given up, the fragment goes on unreassembled
                kill(q);
                return PASS;
            }
            if (end > q.len) {
                if (q.lastIn) {
                    return kill(q);
                }
                q.len = end;
            }
        }
        if (end == offset) {
            return kill(q);
        }
        int r = insert(q, b, start, offset, end);
        if (r != HELD) {
            return r;
        }
        if (offset == 0) {
            int h = pos - p.start();
            if (h > FragQueue.MAX_HEADER) {
                return kill(q);
            }
            System.arraycopy(b, p.start(), q.hdr, 0, h);
            q.hdrLen = h;
            q.l3 = l3 - p.start();
            q.nextHdrAt = at - p.start();
            q.fragNext = p.u8(pos);
            q.firstIn = true;
        }
        q.maxSize = Math.max(q.maxSize, payloadEnd - l3);
        if (!q.complete()) {
            return HELD;
        }
        int unfrag = q.hdrLen - q.l3 - 40;
        if (unfrag + q.len > MAX_DATAGRAM) {
            return kill(q);
        }
        int n = assemble(q);
        out[q.nextHdrAt] = (byte) q.fragNext;
        put16(out, q.l3 + 4, unfrag + q.len);
        finish(q, n);
        return COMPLETE;
    }

    /**
     * Puts the payload {@code [offset, end)} from {@code b[start]} into the queue: {@link #HELD} when
     * stored, {@link #DROPPED} for a duplicate (ignored), a refusal or an overlap (the datagram killed).
     */
    private int insert(FragQueue q, byte[] b, int start, int offset, int end) {
        int at = 0;
        while (at < q.pieces && q.off[at] <= offset) {
            at++;
        }
        // The piece before may reach into this one, the pieces after may start inside it.
        boolean overlap = (at > 0 && q.end[at - 1] > offset) || (at < q.pieces && q.off[at] < end);
        if (overlap) {
            if (at > 0 && q.end[at - 1] > offset) {
                // Inside a run of adjacent pieces held already: a duplicate, dropped alone.
                int runEnd = q.end[at - 1];
                for (int i = at; i < q.pieces && q.off[i] == runEnd; i++) {
                    runEnd = q.end[i];
                }
                if (end <= runEnd) {
                    return DROPPED;
                }
            }
            stats.overlaps.increment();
            return kill(q);
        }
        if (q.pieces == FragQueue.MAX_PIECES) {
            return kill(q);
        }
        int head = store.store(b, start, end - offset);
        if (head < 0) {
            return refuse();
        }
        System.arraycopy(q.off, at, q.off, at + 1, q.pieces - at);
        System.arraycopy(q.end, at, q.end, at + 1, q.pieces - at);
        System.arraycopy(q.blk, at, q.blk, at + 1, q.pieces - at);
        q.off[at] = offset;
        q.end[at] = end;
        q.blk[at] = head;
        q.pieces++;
        q.meat += end - offset;
        return HELD;
    }

    /** Writes the headers and the payload of the complete datagram into {@link #out}; its length. */
    private int assemble(FragQueue q) {
        System.arraycopy(q.hdr, 0, out, 0, q.hdrLen);
        for (int i = 0; i < q.pieces; i++) {
            store.load(q.blk[i], q.end[i] - q.off[i], out, q.hdrLen + q.off[i]);
        }
        return q.hdrLen + q.len;
    }

    private void finish(FragQueue q, int n) {
        outLen = n;
        outL3 = q.l3;
        outMaxSize = q.maxSize;
        release(q);
        stats.oks.increment();
    }

    private FragQueue find(long a0, long a1, long b0, long b1, long id, int proto, long now) {
        FragQueue free = null;
        for (FragQueue q : queues) {
            if (q.used) {
                if (q.is(a0, a1, b0, b1, id, proto)) {
                    return q;
                }
            } else if (free == null) {
                free = q;
            }
        }
        if (free != null) {
            free.init(a0, a1, b0, b1, id, proto, now + timeoutNanos);
            active++;
        }
        return free;
    }

    /** Times out every queue past ipfrag_time. */
    private void expire(long now) {
        if (active == 0) {
            return;
        }
        for (FragQueue q : queues) {
            if (q.used && now - q.expires >= 0) {
                stats.timeouts.increment();
                stats.fails.increment();
                release(q);
            }
        }
    }

    /** A fragment refused for want of room: dropped, its datagram (if any) kept until it times out. */
    private int refuse() {
        stats.noMemory.increment();
        stats.fails.increment();
        return DROPPED;
    }

    private int kill(FragQueue q) {
        stats.fails.increment();
        release(q);
        return DROPPED;
    }

    private void release(FragQueue q) {
        for (int i = 0; i < q.pieces; i++) {
            store.release(q.blk[i]);
        }
        q.pieces = 0;
        q.used = false;
        active--;
    }

    /** Frees every queue (the bundle stops or the settings change). */
    public void clear() {
        for (FragQueue q : queues) {
            if (q.used) {
                release(q);
            }
        }
    }

    private static long u64(byte[] b, int i) {
        long v = 0;
        for (int k = 0; k < 8; k++) {
            v = (v << 8) | (b[i + k] & 0xff);
        }
        return v;
    }

    private static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    private static int checksum(byte[] b, int off, int len) {
        long sum = 0;
        for (int i = 0; i < len; i += 2) {
            sum += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) sum;
    }
}
