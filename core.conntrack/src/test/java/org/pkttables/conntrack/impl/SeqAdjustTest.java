package org.pkttables.conntrack.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Checksums;
import org.pkttables.conntrack.CtStatus;
import org.pkttables.conntrack.impl.SeqAdjust.Way;

/**
 * The sequence adjustment's arithmetic, as the kernel's nf_conntrack_seqadj: where a correction starts,
 * which segments it moves (retransmissions before the correction point keep the old offset), sequence
 * numbers wrapping at 2^32, acknowledgement numbers and SACK blocks of the other direction moved back, and
 * the TCP checksum after the incremental update equal to one computed from scratch.
 */
class SeqAdjustTest {
    private static final int ACK = 0x10;
    /** A table with one connection (slot s, generation gen) and its adjustments. */
    private final ConntrackTable table = new ConntrackTable(64, 1, 0);
    private final SeqAdjust sa = new SeqAdjust(table);
    private final int s = table.allocate();
    private final int gen = table.gen(s);

    @Test
    void theFirstChangeStartsAtItsSegmentAndARetransmissionChangesNothing() {
        Way w = Way.NONE.set(1000, 3);
        assertEquals(new Way(1000, 0, 3), w);
        assertSame(w, w.set(1000, 3), "the rewritten segment retransmitted: same point, nothing recorded");
        assertSame(w, w.set(900, 3), "an older segment rewritten again: nothing recorded");
        assertEquals(0, w.offset(1000), "the rewritten segment itself keeps the offset before");
        assertEquals(0, w.offset(999));
        assertEquals(3, w.offset(1001));
        // a second change later in the stream adds up
        Way w2 = w.set(2000, -5);
        assertEquals(new Way(2000, 3, -2), w2);
        assertEquals(3, w2.offset(1500), "between the two changes: the first one's offset");
        assertEquals(-2, w2.offset(2001));
        assertSame(w2, w2.set(2000, 7), "zero-length and repeated positions leave it");
        assertSame(w2, w2.set(3000, 0));
    }

    @Test
    void sequenceNumbersWrapAtTwoToTheThirtyTwo() {
        int pos = 0xfffffff0; // 16 before the wrap
        Way w = Way.NONE.set(pos, 4);
        assertEquals(4, w.offset(0x00000005), "just after the wrap is after the correction point");
        assertEquals(0x00000009, w.adjustSeq(0x00000005));
        assertEquals(4, w.offset(0xfffffffe));
        assertEquals(0, w.offset(0xffffff00), "before it, even though larger unsigned than small numbers");
        assertEquals(0x00000002, w.adjustSeq(0xfffffffe), "moved across the wrap");
        // the receiver's acks come in adjusted numbers, wrapped
        assertEquals(0x00000005, w.unadjustAck(0x00000009));
        assertEquals(0xfffffffe, w.unadjustAck(0x00000002));
        assertEquals(pos, w.unadjustAck(pos), "an ack up to the correction point is not moved");
        // a shrinking change across the wrap
        Way shrink = Way.NONE.set(0xfffffffa, -3);
        assertEquals(0xfffffffe, shrink.adjustSeq(0x00000001));
        assertEquals(0x00000001, shrink.unadjustAck(0xfffffffe));
    }

    @Test
    void acknowledgementsAreReadAsTheSenderCountedBeforeTheLastChange() {
        // two changes: +3 at 1000 (so up to there the receiver counts +0), then +5 at 2000 (+3 before, +8 after)
        Way w = Way.NONE.set(1000, 3).set(2000, 5);
        assertEquals(new Way(2000, 3, 8), w);
        assertEquals(1500, w.unadjustAck(1503), "between the changes the offset before the last one");
        assertEquals(2000, w.unadjustAck(2003), "up to the last correction point");
        assertEquals(2100, w.unadjustAck(2108), "after it");
    }

    @Test
    void aSegmentIsAdjustedInBothNumbersAndItsSackBlocksWithAValidChecksum() {
        // the client's PORT at 5000 grew by 3; the server's 227 at 9000 shrank by 2
        sa.set(s, gen, false, 5000, 3);
        sa.set(s, gen, true, 9000, -2);
        assertTrue((table.status(s) & CtStatus.SEQ_ADJUST) != 0, "the connection is marked");
        // a later client segment acknowledging the server's data after its change, with two SACK blocks
        byte[] sack = { 1, 1, 5, 18, 0, 0, 0x23, 0x2a, 0, 0, 0x23, 0x34, 0, 0, 0x1f, 0x40, 0, 0, 0x1f, 0x50 };
        // blocks 9002..9012 (after the change: moved back by -2, i.e. +2) and 8000..8016 (before: kept)
        byte[] f = seg(ACK, 5100, 9010, 40, sack);
        PacketContext p = context(f);
        assertTrue(sa.adjust(p, s, gen, false));
        byte[] want = seg(ACK, 5103, 9012, 40,
                new byte[] { 1, 1, 5, 18, 0, 0, 0x23, 0x2c, 0, 0, 0x23, 0x36, 0, 0, 0x1f, 0x40, 0, 0, 0x1f, 0x50 });
        assertEquals(hex(want), hex(f));
        // the server's answer: its seq after its own change moved by -2, its ack moved back by the client's +3
        byte[] r = seg(ACK, 9100, 5203, 0, new byte[0]);
        assertTrue(sa.adjust(context(r), s, gen, true));
        assertEquals(hex(seg(ACK, 9098, 5200, 0, new byte[0])), hex(r));
    }

    @Test
    void aRetransmissionBeforeTheCorrectionPointKeepsItsNumbers() {
        sa.set(s, gen, false, 5000, 7);
        byte[] old = seg(ACK, 4990, 100, 10, new byte[0]);
        byte[] copy = old.clone();
        assertTrue(sa.adjust(context(old), s, gen, false));
        assertEquals(hex(copy), hex(old), "sent before the rewrite: as it was");
        byte[] same = seg(ACK, 5000, 100, 30, new byte[0]);
        assertTrue(sa.adjust(context(same), s, gen, false));
        assertEquals(hex(seg(ACK, 5000, 100, 30, new byte[0])), hex(same), "the rewritten one itself: offset before");
    }

    @Test
    void malformedOptionsOnAnAdjustedConnectionDropTheSegment() {
        sa.set(s, gen, true, 100, 1);
        // an option whose length runs past the header
        byte[] f = seg(ACK, 1, 200, 0, new byte[] { 1, 5, 12, 0 });
        assertFalse(sa.adjust(context(f), s, gen, false));
        assertEquals(1, sa.malformed.sum());
    }

    @Test
    void anEntryDiesWithItsConnection() {
        sa.set(s, gen, false, 10, 4);
        assertEquals(4, sa.offset(s, false, 20));
        table.free(s);
        int again = table.allocate();
        assertEquals(s, again, "the slot is reused");
        assertNotEquals(gen, table.gen(again));
        assertEquals(0, sa.offset(again, false, 20), "the new connection in the slot has no adjustment");
        assertEquals(Way.NONE, sa.way(again, table.gen(again), false));
    }

    /** A client segment 10.0.0.2:40000 → 198.51.100.7:21 with options and a payload, checksum from scratch. */
    private static byte[] seg(int flags, long seq, long ack, int payload, byte[] options) {
        byte[] f = Seg.tcp("10.0.0.2", "198.51.100.7", 40000, 21, flags, seq, ack, 1000, payload, options);
        int len = f.length - 34;
        Checksums.store(f, 34, len, 16, Checksums.pseudo(f, 14, true, 6, len), 6);
        return f;
    }

    private static PacketContext context(byte[] f) {
        return Seg.context(new PacketContext(0), f, Hook.POSTROUTING);
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x & 0xff));
        }
        return s.toString();
    }
}
