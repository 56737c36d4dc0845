package org.pkttables.io.workers;

import com.sun.jna.Memory;

import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapNativeException;
import org.pkttables.io.ports.FrameRing;
import org.pkttables.io.ports.Port;
import org.pkttables.io.ports.Counters;
import org.pkttables.io.ports.Libpcap;

/**
 * A capture thread: reads frames from its ports ({@link Port#next}: their own packet sockets in recvmmsg
 * batches, or non-blocking libpcap handles; the frame copied into a reused buffer) in bursts, and either
 * <ul>
 * <li><b>inline</b> (one worker): runs the worker's whole path on the frame right here, one thread for
 * every port: no hand-off, no wake-up, no second copy; or</li>
 * <li><b>hand-off</b> (several workers, one capture thread per port): copies the frame into a reused
 * slot of the ring of the worker its symmetric flow hash picks, publishing slots in batches: every
 * {@link FrameRing#BATCH} frames and whenever the port has nothing more, so a lone frame is never held
 * back.</li>
 * </ul>
 * When no port has a frame it spins a few rounds, then sleeps in poll() on the ports' descriptors.
 */
public final class Capture implements Runnable {
    private static final System.Logger LOG = System.getLogger("org.pkttables.io");
    private static final long STATS_EVERY_NS = 500_000_000L;
    /** Frames taken from one port before looking at the next (fairness between ports). */
    private static final int BURST = 64;
    /** Empty rounds before sleeping in poll(): a frame arriving meanwhile costs no wake-up. */
    private static final int SPINS = Integer.getInteger("pkttables.bridge.spins", 50);
    private static final int POLL_MS = 10;

    private final Port[] ports;
    /** The worker run inline, or null in hand-off mode. */
    private final Worker inline;
    private final Worker[] workers;
    /** rings[w]: the (single) port's ring into worker w, hand-off mode only. */
    private final FrameRing[] rings;
    private final Memory pollfds;
    private byte[] buf = new byte[2048];
    private volatile boolean running = true;
    private volatile Throwable failure;
    /** This loop's heartbeat and restarts; in inline mode the worker's own. */
    public final Liveness life;
    /** Hand-off mode: worker a flow hashes to -> worker that takes it (another while one is stuck). */
    private final Steering steering;

    /** Hand-off mode: one port, frames to the workers' rings. */
    public Capture(Port port, Worker[] workers) {
        this(port, workers, Steering.identity(workers.length));
    }

    /** Hand-off mode, with the bridge's steering of flows away from stuck workers. */
    public Capture(Port port, Worker[] workers, Steering steering) {
        this.life = new Liveness("capture " + port.name);
        this.steering = steering;
        this.ports = new Port[] {port};
        this.inline = null;
        this.workers = workers;
        this.rings = new FrameRing[workers.length];
        for (int w = 0; w < workers.length; w++) {
            rings[w] = workers[w].ring(port.index);
        }
        this.pollfds = pollfds(ports);
    }

    /** Inline mode: every port, one worker run on this thread. */
    public Capture(Port[] ports, Worker worker) {
        this.life = worker.life;
        this.steering = null;
        this.ports = ports.clone();
        this.inline = worker;
        this.workers = new Worker[0];
        this.rings = new FrameRing[0];
        this.pollfds = pollfds(ports);
    }

    private static Memory pollfds(Port[] ports) {
        Memory m = new Memory(8L * ports.length);
        for (int i = 0; i < ports.length; i++) {
            m.setInt(8L * i, ports[i].fd); // struct pollfd { int fd; short events; short revents; }
            m.setShort(8L * i + 4, Libpcap.POLLIN);
            m.setShort(8L * i + 6, (short) 0);
        }
        return m;
    }

    @Override
    public void run() {
        try {
            loop();
        } catch (NotOpenException e) {
            if (running) {
                fail(e); // closed under us while not stopping
            }
        } catch (Throwable t) {
            if (running) {
                fail(t);
            }
        }
    }

    private void fail(Throwable t) {
        failure = t;
        life.failed(t);
        LOG.log(System.Logger.Level.ERROR, "bridge: capture on " + ports[0].name + " stopped: " + t, t);
        if (!(t instanceof PcapNativeException)) {
            t.printStackTrace();
        }
    }

    private void loop() throws PcapNativeException, NotOpenException {
        long nextStats = 0;
        int idle = 0;
        while (running) {
            life.beat();
            long now = System.nanoTime();
            boolean any = false;
            for (Port port : ports) {
                any |= burst(port, now);
            }
            if (any && inline != null) {
                inline.flushTx();
            }
            if (any) {
                idle = 0;
            } else if (++idle > SPINS) {
                Libpcap.C.poll(pollfds, ports.length, POLL_MS);
                idle = 0;
            }
            if (now - nextStats > 0) {
                for (Port port : ports) {
                    stats(port);
                }
                nextStats = now + STATS_EVERY_NS;
            }
        }
    }

    /** Up to {@link #BURST} frames of one port; true when there was at least one. */
    private boolean burst(Port port, long now) throws PcapNativeException {
        Counters c = port.counters;
        int n = 0;
        while (n < BURST) {
            int len = port.next();
            if (len <= 0) {
                if (len < 0 && running) {
                    throw new PcapNativeException(port.readFailure());
                }
                break;
            }
            n++;
            if (len > buf.length) {
                buf = new byte[Integer.highestOneBit(len - 1) << 1]; // grows once, to the largest frame seen
            }
            port.read(buf, len);
            c.inc(Port.RX);
            c.add(Port.RX_BYTES, len);
            if (inline != null) {
                inline.frame(buf, len, port.index, now);
            } else {
                handOff(port, len);
            }
        }
        if (inline == null) {
            flush();
        }
        return n > 0;
    }

    private void handOff(Port port, int len) {
        int w = steering.to(FlowHash.worker(buf, len, rings.length));
        FrameRing r = rings[w];
        byte[] slot = r.claim(len);
        if (slot == null) {
            port.counters.inc(Port.OVERFLOW);
            r.overflows.inc(0);
            return;
        }
        System.arraycopy(buf, 0, slot, 0, len);
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

    private static void stats(Port port) throws PcapNativeException, NotOpenException {
        port.stats();
    }

    public void stop() {
        running = false;
    }

    Throwable failure() {
        return failure;
    }
}
