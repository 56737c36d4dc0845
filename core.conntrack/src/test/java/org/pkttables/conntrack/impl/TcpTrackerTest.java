package org.pkttables.conntrack.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.tables.testing.Frames.ACK;
import static org.pkttables.tables.testing.Frames.FIN;
import static org.pkttables.tables.testing.Frames.RST;
import static org.pkttables.tables.testing.Frames.SYN;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pkttables.conntrack.CtState;
import org.pkttables.conntrack.CtStatus;

/** TCP window tracking with packet sequences, against the kernel's behaviour. */
class TcpTrackerTest {
    private static final String C = "10.0.0.1";
    private static final String S = "10.0.0.2";
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ConntrackEngine e = new ConntrackEngine(1024, 42, now::get);

    private CtView c2s(int flags, long seq, long ack, int payload, byte... opts) {
        return Seg.feed(e, Seg.tcp(C, S, 40000, 80, flags, seq, ack, 65535, payload, opts));
    }

    private CtView s2c(int flags, long seq, long ack, int payload, byte... opts) {
        return Seg.feed(e, Seg.tcp(S, C, 80, 40000, flags, seq, ack, 65535, payload, opts));
    }

    private String state(CtView v) {
        return e.stateName(v.slot);
    }

    /** SYN 1000, SYN/ACK 5000, ACK: client next seq 1001, server next seq 5001. */
    private CtView handshake() {
        CtView v = c2s(SYN, 1000, 0, 0);
        assertEquals(CtState.NEW, v.state());
        assertEquals("SYN_SENT", state(v));
        v = s2c(SYN | ACK, 5000, 1001, 0);
        assertEquals(CtState.ESTABLISHED, v.state());
        assertTrue(v.isReply());
        assertEquals("SYN_RECV", state(v));
        v = c2s(ACK, 1001, 5001, 0);
        assertEquals(CtState.ESTABLISHED, v.state());
        assertEquals("ESTABLISHED", state(v));
        assertTrue((v.status() & CtStatus.ASSURED) != 0, "ASSURED after the handshake");
        return v;
    }

    @Test
    void handshakeDataAndOrderlyClose() {
        handshake();
        assertEquals(CtState.ESTABLISHED, c2s(ACK, 1001, 5001, 100).state());
        assertEquals(CtState.ESTABLISHED, s2c(ACK, 5001, 1101, 500).state());
        assertEquals(CtState.ESTABLISHED, c2s(ACK, 1101, 5501, 0).state());
        CtView v = c2s(FIN | ACK, 1101, 5501, 0);
        assertEquals("FIN_WAIT", state(v));
        v = s2c(ACK, 5501, 1102, 0);
        assertEquals("CLOSE_WAIT", state(v));
        v = s2c(FIN | ACK, 5501, 1102, 0);
        assertEquals("LAST_ACK", state(v));
        v = c2s(ACK, 1102, 5502, 0);
        assertEquals("TIME_WAIT", state(v));
        assertEquals(120, v.expiresSeconds());
        assertEquals(1, e.count());
    }

    @Test
    void sequenceBeyondTheReceiverWindowIsInvalid() {
        handshake();
        CtView v = c2s(ACK, 1001 + 10_000_000L, 5001, 10);
        assertEquals(CtState.INVALID, v.state());
        assertTrue(e.tcp.lastInvalidReason().contains("over the upper bound"), e.tcp.lastInvalidReason());
        // the connection itself is unharmed
        assertEquals(CtState.ESTABLISHED, c2s(ACK, 1001, 5001, 10).state());
    }

    @Test
    void ackForDataNeverSentIsInvalid() {
        handshake();
        CtView v = s2c(ACK, 5001, 1001 + 500_000, 0);
        assertEquals(CtState.INVALID, v.state());
        assertTrue(e.tcp.lastInvalidReason().contains("ACKed data not seen yet"), e.tcp.lastInvalidReason());
    }

    @Test
    void oldDataRetransmittedFarBelowTheWindowIsInvalid() {
        handshake();
        // move the client far ahead (within windows), then send data from before the receiver's window
        long seq = 1001;
        long ack = 1001;
        for (int i = 0; i < 4; i++) {
            assertEquals(CtState.ESTABLISHED, c2s(ACK, seq, 5001, 60000).state());
            seq += 60000;
            assertEquals(CtState.ESTABLISHED, s2c(ACK, 5001, seq, 0).state());
            ack = seq;
        }
        assertEquals(CtState.INVALID, c2s(ACK, 2001, 5001, 100).state());
        assertTrue(e.tcp.lastInvalidReason().contains("lower bound"), e.tcp.lastInvalidReason());
        assertEquals(CtState.ESTABLISHED, c2s(ACK, ack, 5001, 0).state());
    }

    @Test
    void rstBelowThePeersAckIsInvalidExactRstCloses() {
        handshake();
        c2s(ACK, 1001, 5001, 100);
        s2c(ACK, 5001, 1101, 0); // server acked up to 1101: td_maxack of the reply side
        CtView v = c2s(RST, 1050, 0, 0);
        assertEquals(CtState.INVALID, v.state(), "RST with a sequence the peer already acknowledged");
        v = c2s(RST | ACK, 1101, 5001, 0);
        assertEquals(CtState.ESTABLISHED, v.state());
        assertEquals("CLOSE", state(v));
        assertEquals(10, v.expiresSeconds());
    }

    @Test
    void inexactRstInWindowKeepsTheStateForAChallengeAck() {
        handshake();
        c2s(ACK, 1001, 5001, 100);
        s2c(ACK, 5001, 1101, 0);
        CtView v = c2s(RST, 1101 + 1000, 0, 0);
        assertEquals(CtState.ESTABLISHED, v.state());
        assertEquals("ESTABLISHED", state(v), "inexact RST: state kept (RFC 5961 challenge ACK may follow)");
    }

    @Test
    void rstAnsweringTheSynDeletesTheEntry() {
        c2s(SYN, 1000, 0, 0);
        assertEquals(1, e.count());
        CtView v = s2c(RST | ACK, 0, 1001, 0);
        assertEquals(CtState.ESTABLISHED, v.state());
        assertEquals(0, e.count(), "a connection refused by RST leaves no entry");
    }

    @Test
    void retransmissionsAreCountedAndKeepTheState() {
        handshake();
        CtView v = c2s(ACK, 1001, 5001, 100);
        v = c2s(ACK, 1001, 5001, 100);
        assertEquals(CtState.ESTABLISHED, v.state());
        v = c2s(ACK, 1001, 5001, 100);
        assertEquals(2, e.tcp.retransmissions(v.slot));
        v = c2s(ACK, 1001, 5001, 100);
        assertEquals(3, e.tcp.retransmissions(v.slot));
        // after tcp_max_retrans (3) identical retransmissions the timeout drops to 300 s
        v = c2s(ACK, 1001, 5001, 100);
        assertEquals(300, v.expiresSeconds());
    }

    @Test
    void simultaneousOpen() {
        assertEquals(CtState.NEW, c2s(SYN, 1000, 0, 0).state());
        CtView v = s2c(SYN, 5000, 0, 0);
        assertEquals("SYN_SENT2", state(v));
        v = c2s(SYN | ACK, 1000, 5001, 0);
        assertEquals("SYN_RECV", state(v));
        v = s2c(ACK, 5001, 1001, 0);
        assertEquals("ESTABLISHED", state(v));
        v = c2s(ACK, 1001, 5001, 0);
        assertTrue((v.status() & CtStatus.ASSURED) != 0);
    }

    @Test
    void synInTimeWaitReopensAsANewConnection() {
        handshake();
        c2s(FIN | ACK, 1001, 5001, 0);
        s2c(FIN | ACK, 5001, 1002, 0);
        CtView v = c2s(ACK, 1002, 5002, 0);
        assertEquals("TIME_WAIT", state(v));
        long oldId = v.entryId();
        v = c2s(SYN, 90_000, 0, 0);
        assertEquals(CtState.NEW, v.state(), "reopened: a new connection");
        assertEquals("SYN_SENT", state(v));
        assertFalse(oldId == v.entryId());
        assertEquals(1, e.count());
        assertEquals(CtState.ESTABLISHED, s2c(SYN | ACK, 7000, 90_001, 0).state());
    }

    @Test
    void windowScalingWidensTheWindow() {
        c2s(SYN, 1000, 0, 0, Seg.wscale(7));
        s2c(SYN | ACK, 5000, 1001, 0, Seg.wscale(7));
        CtView v = c2s(ACK, 1001, 5001, 0);
        assertEquals(7, e.tcp.windowScale(v.slot, 1));
        // the server advertised 65535 << 7 (~8 MB): 1 MB ahead is inside its window
        s2c(ACK, 5001, 1001, 0);
        assertEquals(CtState.ESTABLISHED, c2s(ACK, 1001 + 1_000_000, 5001, 100).state());
    }

    @Test
    void withoutScalingTheSameSegmentIsInvalid() {
        handshake();
        s2c(ACK, 5001, 1001, 0);
        assertEquals(CtState.INVALID, c2s(ACK, 1001 + 1_000_000, 5001, 100).state());
    }

    @Test
    void sackBlocksCountAsAcknowledgement() {
        byte[] sackPerm = { 4, 2, 1, 1 };
        c2s(SYN, 1000, 0, 0, sackPerm);
        s2c(SYN | ACK, 5000, 1001, 0, sackPerm);
        c2s(ACK, 1001, 5001, 0);
        c2s(ACK, 1001, 5001, 1000);
        c2s(ACK, 2001, 5001, 1000);
        // the server acks 1001 and SACKs 2001..3001: in window since 3001 was sent
        byte[] sack = { 1, 1, 5, 10, 0, 0, 0x07, (byte) 0xd1, 0, 0, 0x0b, (byte) 0xb9 };
        assertEquals(CtState.ESTABLISHED, s2c(ACK, 5001, 1001, 0, sack).state());
        // a SACK edge beyond anything sent is refused
        byte[] bad = { 1, 1, 5, 10, 0, 0, 0x07, (byte) 0xd1, 0, 0x10, 0, 0 };
        assertEquals(CtState.INVALID, s2c(ACK, 5001, 1001, 0, bad).state());
    }

    @Test
    void invalidFlagCombinationsAndLoneAckOrFin() {
        assertEquals(CtState.INVALID, c2s(SYN | FIN, 1, 0, 0).state());
        assertEquals(CtState.INVALID, c2s(FIN, 1, 0, 0).state(), "a lone FIN cannot open a connection");
        assertEquals(0, e.count());
        // mid-stream pickup (nf_conntrack_tcp_loose=1): an ACK opens an entry, with the short timeout
        CtView v = c2s(ACK, 1, 1, 0);
        assertEquals(CtState.NEW, v.state());
        assertEquals("ESTABLISHED", state(v));
        assertEquals(300, v.expiresSeconds());
    }

    @Test
    void entryOfADroppedSynNeverEntersTheTable() {
        var p = Seg.context(new org.pkttables.api.PacketContext(0), Seg.tcp(C, S, 1, 2, SYN, 1, 0, 100, 0),
                org.pkttables.api.Hook.PREROUTING);
        e.track(p); // dropped by a rule: never reaches INPUT's confirm
        assertEquals(0, e.count());
        assertEquals(1, e.table.count(), "unconfirmed entry held by the worker");
        c2s(SYN, 1000, 0, 0); // the worker's next packet releases it
        assertEquals(1, e.table.count());
        assertEquals(1, e.count());
    }

    @Test
    void expiryByTheSweepingCollector() {
        handshake();
        c2s(FIN | ACK, 1001, 5001, 0);
        s2c(FIN | ACK, 5001, 1002, 0);
        c2s(ACK, 1002, 5002, 0); // TIME_WAIT, 120 s
        now.addAndGet(119_000);
        assertEquals(0, e.expireAll());
        now.addAndGet(2_000);
        assertEquals(1, e.expireAll());
        assertEquals(0, e.count());
        assertEquals(0, e.table.count());
    }

    @Test
    void timeoutsAreSettableAtRuntime() {
        e.setTimeout("tcp_timeout_established", 3600);
        CtView v = handshake();
        assertEquals(3600, v.expiresSeconds());
        assertEquals(3600L, e.timeouts().get("tcp_timeout_established"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> e.setTimeout("nope", 1));
    }
}
