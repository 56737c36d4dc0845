package org.pkttables.io.wire;

import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.RawPacketListener;

/**
 * The capture thread of one port: libpcap's dispatch loop with pcap4j's raw listener (the fastest
 * pcap4j path: no parsing), each frame copied into a reused slot of the ring of the worker its flow
 * hash picks. Slots are published in batches: every {@link FrameRing#BATCH} frames and whenever
 * libpcap's buffer is drained, so a lone frame is never held back.
 */
final class Capture implements Runnable, RawPacketListener {
    private static final long STATS_EVERY_NS = 500_000_000L;

    private final Port port;
    private final Worker[] workers;
    /** rings[w]: this port's ring into worker w. */
    private final FrameRing[] rings;
    private volatile boolean running = true;
    private volatile Throwable failure;

    Capture(Port port, Worker[] workers) {
        this.port = port;
        this.workers = workers;
        this.rings = new FrameRing[workers.length];
        for (int w = 0; w < workers.length; w++) {
            rings[w] = workers[w].ring(port.index);
        }
    }

    @Override
    public void run() {
        long nextStats = 0;
        try {
            while (running) {
                port.handle.dispatch(-1, this);
                flush();
                long now = System.nanoTime();
                if (now - nextStats > 0) {
                    stats();
                    nextStats = now + STATS_EVERY_NS;
                }
            }
        } catch (NotOpenException e) {
            // closed under us while stopping
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (PcapNativeException | RuntimeException e) {
            if (running) {
                failure = e;
                System.err.println("pkttables: bridge: capture on " + port.name + " stopped: " + e);
            }
        }
    }

    @Override
    public void gotPacket(byte[] frame) {
        int len = frame.length;
        Counters c = port.counters;
        c.inc(Port.RX);
        c.add(Port.RX_BYTES, len);
        int w = FlowHash.worker(frame, len, rings.length);
        FrameRing r = rings[w];
        byte[] slot = r.claim(len);
        if (slot == null) {
            c.inc(Port.OVERFLOW);
            r.overflows.inc(0);
            return;
        }
        System.arraycopy(frame, 0, slot, 0, len);
        if (r.commit(len)) {
            r.publish();
            workers[w].wake();
        }
    }

    private void flush() {
        for (int w = 0; w < rings.length; w++) {
            if (rings[w].publish()) {
                workers[w].wake();
            }
        }
    }

    private void stats() throws PcapNativeException, NotOpenException {
        PcapStat s = port.handle.getStats();
        port.counters.set(Port.PCAP_RECV, s.getNumPacketsReceived());
        port.counters.set(Port.PCAP_DROP, s.getNumPacketsDropped());
        port.counters.set(Port.PCAP_IFDROP, s.getNumPacketsDroppedByIf());
    }

    void stop() {
        running = false;
    }

    Throwable failure() {
        return failure;
    }
}
