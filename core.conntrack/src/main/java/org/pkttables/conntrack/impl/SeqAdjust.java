package org.pkttables.conntrack.impl;

import static org.pkttables.conntrack.impl.TcpHeader.after;
import static org.pkttables.conntrack.impl.TcpHeader.before;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.StampedLock;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Checksums;
import org.pkttables.conntrack.CtStatus;

/**
 * TCP sequence adjustment, the kernel's nf_conntrack_seqadj: when a helper rewrites a payload into a text
 * of another length (nf_nat_ftp's PORT/227/EPRT/229), the two ends no longer agree on sequence numbers. Per
 * connection and direction a {@link Way} records where the change starts ({@code correction_pos}, the
 * sequence number of the rewritten segment) and the total offset before and after it; every later segment
 * then gets its sequence number moved forward (in the direction of the change) and its acknowledgement
 * number and SACK blocks moved back (in the other direction), with the TCP checksum updated incrementally
 * (RFC 1624), as nf_ct_seq_adjust and nf_ct_sack_adjust. Only the last change of a direction is kept
 * exactly, as in the kernel: one more in the same direction moves the correction point.
 *
 * <p>The kernel's conntrack extension is a side array by table slot here, made on the first adjustment
 * (tables that never see one pay nothing), each entry carrying the slot's generation so that it dies with
 * its connection. An entry is immutable and replaced as a whole when a helper records a change (rare, on the
 * helper path); the packet path only reads it: no allocation, no lock. Both directions of a NATed connection
 * may be handled by two workers, which is why a direction's three numbers are read as one object.
 */
public final class SeqAdjust {
    /**
     * One direction's correction ({@code struct nf_ct_seqadj}): segments whose sequence number is after
     * {@code correctionPos} are moved by {@code offsetAfter}, the others by {@code offsetBefore}.
     */
    public record Way(int correctionPos, int offsetBefore, int offsetAfter) {
        public static final Way NONE = new Way(0, 0, 0);

        /**
         * nf_ct_seqadj_set: the payload of the segment at {@code seq} changed its length by {@code off}. Taken
         * when nothing is pending (before equals after) or the segment is after the recorded correction point;
         * a retransmission of the rewritten segment (same or an earlier sequence number) changes nothing.
         */
        public Way set(int seq, int off) {
            if (off == 0) {
                return this;
            }
            if (offsetBefore == offsetAfter || before(correctionPos, seq)) {
                return new Way(seq, offsetAfter, offsetAfter + off);
            }
            return this;
        }

        /** The offset for a sequence number of this direction (nf_ct_seq_offset). */
        public int offset(int seq) {
            return after(seq, correctionPos) ? offsetAfter : offsetBefore;
        }

        /** A sequence number of this direction as its receiver sees it. */
        public int adjustSeq(int seq) {
            return seq + offset(seq);
        }

        /**
         * An acknowledgement number (or SACK edge) the receiver of this direction sends, as this direction's
         * sender sees it: the receiver counts in adjusted numbers, so the offset is chosen by the number before
         * the last change ({@code ack - offsetBefore}), as nf_ct_seq_adjust does.
         */
        public int unadjustAck(int ack) {
            return ack - (after(ack - offsetBefore, correctionPos) ? offsetAfter : offsetBefore);
        }
    }

    /** The two directions of one connection. */
    private record Entry(int gen, Way original, Way reply) {
    }

    private final ConntrackTable table;
    private volatile AtomicReferenceArray<Entry> slots;
    /** Segments dropped because their TCP options were malformed while they needed adjusting (nf_ct_sack_adjust). */
    final LongAdder malformed = new LongAdder();

    SeqAdjust(ConntrackTable table) {
        this.table = table;
    }

    /**
     * Records that the payload of the segment at {@code seq} of the connection in {@code slot} (generation
     * {@code gen}) travelling in the reply direction ({@code reply}) or the original one changed its length by
     * {@code off} bytes (nf_ct_seqadj_set), and marks the connection {@link CtStatus#SEQ_ADJUST}.
     */
    public synchronized void set(int slot, int gen, boolean reply, int seq, int off) {
        if (off == 0 || table.gen(slot) != gen) {
            return;
        }
        AtomicReferenceArray<Entry> a = array(slot);
        Entry e = a.get(slot);
        if (e == null || e.gen != gen) {
            e = new Entry(gen, Way.NONE, Way.NONE);
        }
        Way w = reply ? e.reply : e.original;
        Way n = w.set(seq, off);
        if (n != w) {
            a.set(slot, new Entry(gen, reply ? e.original : n, reply ? n : e.reply));
        }
        if ((table.status(slot) & CtStatus.SEQ_ADJUST) == 0) {
            StampedLock l = table.lock(table.hashOf(slot));
            long stamp = l.writeLock();
            try {
                if (table.gen(slot) == gen) {
                    table.orStatus(slot, CtStatus.SEQ_ADJUST);
                }
            } finally {
                l.unlockWrite(stamp);
            }
        }
    }

    /** The recorded correction of one direction of a live connection, {@link Way#NONE} when there is none. */
    public Way way(int slot, int gen, boolean reply) {
        Entry e = entry(slot, gen);
        return e == null ? Way.NONE : reply ? e.reply : e.original;
    }

    /**
     * nf_ct_seq_offset for the window tracker: the offset of direction {@code reply} at {@code seq} of the
     * connection in {@code slot} as it is now, 0 when nothing was recorded. Allocation-free.
     */
    int offset(int slot, boolean reply, int seq) {
        AtomicReferenceArray<Entry> a = slots;
        if (a == null || slot >= a.length()) {
            return 0;
        }
        Entry e = a.get(slot);
        if (e == null || e.gen != table.gen(slot)) {
            return 0;
        }
        return (reply ? e.reply : e.original).offset(seq);
    }

    private Entry entry(int slot, int gen) {
        AtomicReferenceArray<Entry> a = slots;
        if (a == null || slot < 0 || slot >= a.length()) {
            return null;
        }
        Entry e = a.get(slot);
        return e != null && e.gen == gen ? e : null;
    }

    /**
     * nf_ct_seq_adjust: moves the sequence number of the TCP segment {@code p} of the connection (slot, gen),
     * travelling in direction {@code reply}, by this direction's correction, its acknowledgement number and
     * SACK blocks back by the other direction's, updating the checksum incrementally (a checksum left to
     * offload, the pseudo-header sum, covers none of them and stays). False when the segment must be dropped:
     * its options are malformed (the kernel's "no partial options"). Allocation-free.
     */
    boolean adjust(PacketContext p, int slot, int gen, boolean reply) {
        Entry e = entry(slot, gen);
        int l4 = p.l4Offset();
        if (e == null || p.l4Proto() != 6 || l4 < 0 || (p.isFragment() && p.fragOffset() != 0) || !p.has(l4, 20)) {
            return true;
        }
        Way self = reply ? e.reply : e.original;
        Way other = reply ? e.original : e.reply;
        int csum = l4 + 16;
        int check = p.u16(csum);
        int c = check;
        int seq = (int) p.u32(l4 + 4);
        int newSeq = self.adjustSeq(seq);
        if (newSeq != seq) {
            put32(p, l4 + 4, newSeq);
            c = Checksums.update32(c, seq, newSeq);
        }
        boolean ok = true;
        if ((p.u8(l4 + 13) & 0x10) != 0) {
            int ack = (int) p.u32(l4 + 8);
            int newAck = other.unadjustAck(ack);
            if (newAck != ack) {
                put32(p, l4 + 8, newAck);
                c = Checksums.update32(c, ack, newAck);
            }
            c = sack(p, l4, other, c);
            if (c < 0) {
                ok = false;
                c = ~c;
            }
        }
        if (c != check && !partial(p, l4, check)) {
            p.put16(csum, c);
        }
        if (!ok) {
            malformed.increment();
        }
        return ok;
    }

    /**
     * nf_ct_sack_adjust: the SACK blocks of the options moved back by {@code other}; returns the updated
     * checksum, or its complement (negative) when the options are malformed (a partial option).
     */
    static int sack(PacketContext p, int l4, Way other, int c) {
        int end = l4 + (p.u8(l4 + 12) >>> 4) * 4;
        int i = l4 + 20;
        while (i < end) {
            int kind = p.u8(i);
            if (kind == 0) {
                return c; // end of options
            }
            if (kind == 1) {
                i++;
                continue;
            }
            int len = p.u8(i + 1);
            if (i + 1 == end || len < 2 || i + len > end) {
                return ~c;
            }
            if (kind == 5 && len >= 10 && (len - 2) % 8 == 0) {
                for (int b = i + 2; b < i + len; b += 4) {
                    int edge = (int) p.u32(b);
                    int moved = other.unadjustAck(edge);
                    if (moved != edge) {
                        put32(p, b, moved);
                        c = Checksums.update32(c, edge, moved);
                    }
                }
            }
            i += len;
        }
        return c;
    }

    /** Whether the TCP checksum holds only the pseudo-header sum (left to offload): seq/ack are not in it. */
    private static boolean partial(PacketContext p, int l4, int check) {
        int l3 = p.l3Offset();
        boolean v4 = (p.u8(l3) >>> 4) == 4;
        int l4len = v4 ? l3 + p.u16(l3 + 2) - l4 : l3 + 40 + p.u16(l3 + 4) - l4;
        return check == Checksums.fold(Checksums.pseudo(p.buffer(), l3, v4, 6, l4len));
    }

    static void put32(PacketContext p, int i, int v) {
        p.put16(i, (v >>> 16) & 0xffff);
        p.put16(i + 2, v & 0xffff);
    }

    private synchronized AtomicReferenceArray<Entry> array(int slot) {
        AtomicReferenceArray<Entry> a = SlotArrays.covering(slots, slot);
        slots = a;
        return a;
    }
}
