package org.pkttables.io.ports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.sun.jna.Library;
import com.sun.jna.Native;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batched sending, on a Unix datagram socket pair instead of a packet socket (same sendmmsg path). */
class MmsgTxBatchTest {
    interface LibC extends Library {
        int socketpair(int domain, int type, int protocol, int[] sv);

        long recv(int fd, byte[] buf, long len, int flags);

        int close(int fd);
    }

    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int MSG_DONTWAIT = 0x40;

    private LibC c;
    private final int[] sv = {-1, -1};
    private final List<byte[]> sentAlone = new ArrayList<>();
    private final Port port = new Port(0, "test0", 1500) {
        @Override
        public boolean send(byte[] frame, int len) {
            sentAlone.add(Arrays.copyOf(frame, len));
            return true;
        }
    };

    @BeforeEach
    void pair() {
        assumeTrue(MmsgTxBatch.supported(), "sendmmsg layout known only for 64-bit Linux");
        c = Native.load("c", LibC.class);
        assertEquals(0, c.socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
    }

    @AfterEach
    public void close() {
        for (int fd : sv) {
            if (fd >= 0) {
                c.close(fd);
            }
        }
    }

    private static byte[] frame(int n) {
        byte[] b = new byte[60 + n];
        Arrays.fill(b, (byte) n);
        return b;
    }

    private List<byte[]> received() {
        List<byte[]> l = new ArrayList<>();
        byte[] buf = new byte[4096];
        long n;
        while ((n = c.recv(sv[1], buf, buf.length, MSG_DONTWAIT)) >= 0) {
            l.add(Arrays.copyOf(buf, (int) n));
        }
        return l;
    }

    @Test
    void queuesUntilFullThenSendsTheBatchInOrder() {
        MmsgTxBatch t = new MmsgTxBatch(port, sv[0], port.maxFrame());
        for (int i = 0; i < MmsgTxBatch.BATCH - 1; i++) {
            assertFalse(t.add(frame(i), 60 + i), "frame " + i + " is only queued");
        }
        assertTrue(received().isEmpty());
        assertTrue(t.add(frame(31), 91), "the 32nd frame fills the batch, which goes out");
        assertEquals(MmsgTxBatch.BATCH, t.sent);
        long bytes = 0;
        for (int i = 0; i < MmsgTxBatch.BATCH; i++) {
            bytes += 60 + i;
        }
        assertEquals(bytes, t.sentBytes);
        assertEquals(0, t.failed);
        t.clearOutcome();
        for (int i = 32; i < 40; i++) {
            assertFalse(t.add(frame(i), 60 + i));
        }
        assertTrue(t.flush());
        assertEquals(8, t.sent);
        assertFalse(t.flush(), "nothing left to send");
        List<byte[]> got = received();
        assertEquals(40, got.size());
        for (int i = 0; i < 40; i++) {
            assertArrayEquals(frame(i), got.get(i), "frame " + i);
        }
    }

    @Test
    void aFrameLongerThanASlotGoesAloneAfterTheQueue() {
        MmsgTxBatch t = new MmsgTxBatch(port, sv[0], port.maxFrame());
        t.add(frame(1), 61);
        t.add(frame(2), 62);
        byte[] big = new byte[3000];
        assertTrue(t.add(big, big.length));
        assertEquals(3, t.sent);
        assertEquals(2, received().size(), "the queued frames went out first");
        assertEquals(1, sentAlone.size());
        assertEquals(3000, sentAlone.get(0).length);
    }

    @Test
    void framesThatCannotBeSentAreCountedAsFailed() {
        MmsgTxBatch t = new MmsgTxBatch(port, sv[0], port.maxFrame());
        t.add(frame(1), 61);
        t.add(frame(2), 62);
        t.add(frame(3), 63);
        c.close(sv[1]); // the peer is gone: every send fails (ECONNREFUSED)
        sv[1] = -1;
        assertTrue(t.flush());
        assertEquals(0, t.sent);
        assertEquals(3, t.failed);
    }
}
