package org.pkttables.io.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pkttables.tables.testing.Frames;

class FlowHashTest {
    private static int h(byte[] f) {
        return FlowHash.hash(f, f.length);
    }

    @Test
    void bothDirectionsOfAFlowHashAlike() {
        byte[] out = Frames.ipv4("10.0.0.1", "10.0.0.2").tcp(40000, 80).build();
        byte[] back = Frames.ipv4("10.0.0.2", "10.0.0.1").srcMac(Frames.DST_MAC).dstMac(Frames.SRC_MAC)
                .tcp(80, 40000).build();
        assertEquals(h(out), h(back));
        byte[] v6 = Frames.ipv6("fd00::1", "fd00::2:1").udp(5353, 53).build();
        byte[] v6back = Frames.ipv6("fd00::2:1", "fd00::1").udp(53, 5353).build();
        assertEquals(h(v6), h(v6back));
        byte[] req = Frames.arpRequest("02:00:00:00:00:01", "10.0.0.1", "10.0.0.2");
        byte[] rep = Frames.arpReply("02:00:00:00:00:02", "10.0.0.2", "02:00:00:00:00:01", "10.0.0.1");
        assertEquals(h(req), h(rep));
    }

    @Test
    void differentFlowsSpreadOverTheWorkers() {
        int[] per = new int[4];
        for (int port = 1024; port < 3024; port++) {
            byte[] f = Frames.ipv4("192.0.2.7", "10.0.0.2").tcp(port, 443).build();
            per[FlowHash.worker(f, f.length, 4)]++;
        }
        for (int n : per) {
            assertTrue(n > 350, "2000 flows over 4 workers, one got only " + n);
        }
    }

    @Test
    void laterFragmentsAndTheirFirstFragmentShareAWorker() {
        // Later fragments have no ports: all fragments hash on addresses only, so they stay together.
        java.util.List<byte[]> frags = Frames.ipv4("10.0.0.1", "10.0.0.2").udp(1000, 2000).payload(new byte[3000])
                .fragments(1400);
        int first = h(frags.get(0));
        for (byte[] f : frags) {
            assertEquals(first, h(f));
        }
    }

    @Test
    void runtsGoToWorkerZero() {
        assertEquals(0, FlowHash.worker(new byte[10], 10, 4));
    }
}
