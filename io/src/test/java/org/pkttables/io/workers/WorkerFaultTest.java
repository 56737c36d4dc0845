package org.pkttables.io.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.io.bridge.BridgeFamilyStage;
import org.pkttables.io.bridge.BridgeStage;
import org.pkttables.l3.arp.impl.ArpHandler;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;
import org.pkttables.io.bridge.Fdb;
import org.pkttables.io.workers.WorkerTest.Recorder;

/** A worker whose frames make an extension (or its own path) throw drops those frames and goes on. */
class WorkerFaultTest {
    private static final String A = "02:00:00:00:00:0a";
    private static final String B = "02:00:00:00:00:0b";
    private static final long NOW = 1_000_000_000_000L;

    private Harness h;
    private Recorder[] ports;

    @BeforeEach
    public void setUp() {
        h = new Harness().with(new Ipv4Handler(), new Ipv6Handler(), new ArpHandler(), new TcpMatchType(),
                new ThrowingDport());
        ports = new Recorder[] {new Recorder(0, "p0", 1500), new Recorder(1, "p1", 1500)};
    }

    private static byte[] tcp(int dport) {
        return Frames.ipv4("10.0.0.1", "10.0.0.2").srcMac(A).dstMac(B).tcp(40000, dport).build();
    }

    @Test
    void onlyFramesReachingTheThrowingMatchAreDroppedAndTheWorkerCountsThem() {
        assertEquals(0, h.sh("iptables -A FORWARD -p tcp --dport 22 -j ACCEPT").exit());
        assertEquals(0, h.sh("iptables -A FORWARD -p tcp -m throwing --at 80 -j ACCEPT").exit());
        Worker w = new Worker(3, h.ruleset(), ports, 16);
        w.stage(new BridgeStage(w, h.ruleset(), ports, new Fdb(64, 300_000_000_000L), new BridgeFamilyStage.Calls()));
        for (int i = 0; i < 10; i++) {
            byte[] f = tcp(i % 2 == 0 ? 80 : 443);
            w.frame(f, f.length, 0, NOW);
            byte[] g = tcp(22);
            w.frame(g, g.length, 0, NOW);
        }
        w.flushTx();
        assertEquals(15, ports[1].sent.size(), "443 and 22 pass, 80 is dropped");
        assertEquals(5, w.faults());
        assertEquals(5, w.counters.get(Worker.FILTERED), "counted as drops too");
        assertEquals(0, w.counters.get(Worker.FAULTS), "contained by the ruleset, not by the worker");
        String health = Health.of(new Worker[] {w}, new Capture[0], h.ruleset());
        assertTrue(health.startsWith("worker 3: last fault: ipv4 filter FORWARD rule 2: match throwing threw "
                + "java.lang.IllegalStateException: throwing match at port 80"), health);
    }

    @Test
    void aStageThatThrowsCostsOnlyThatFrame() {
        Worker w = new Worker(0, h.ruleset(), ports, 16);
        int[] seen = new int[1];
        w.stage(new Worker.Stage() {
            @Override
            public void frame(byte[] b, int len, int in, long now) {
                if (++seen[0] % 3 == 0) {
                    throw new NullPointerException("stage bug");
                }
            }

            @Override
            public void tick(long now) {
            }
        });
        byte[] f = tcp(1);
        for (int i = 0; i < 9; i++) {
            w.frame(f, f.length, 1, NOW + i);
        }
        assertEquals(9, seen[0], "every frame reached the stage");
        assertEquals(3, w.counters.get(Worker.FAULTS));
        assertEquals(3, w.counters.get(Worker.drops(1)));
        assertEquals(3, w.faults());
        assertTrue(w.life.lastError() instanceof NullPointerException);
    }

    @Test
    void jvmErrorsGoUpToTheLoop() {
        Worker w = new Worker(0, h.ruleset(), ports, 16);
        w.stage(new Worker.Stage() {
            @Override
            public void frame(byte[] b, int len, int in, long now) {
                throw new OutOfMemoryError("test");
            }

            @Override
            public void tick(long now) {
            }
        });
        byte[] f = tcp(1);
        org.junit.jupiter.api.Assertions.assertThrows(OutOfMemoryError.class, () -> w.frame(f, f.length, 0, NOW));
    }
}
