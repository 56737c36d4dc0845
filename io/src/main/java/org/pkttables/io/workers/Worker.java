package org.pkttables.io.workers;

import java.util.concurrent.locks.LockSupport;

import org.pkttables.api.Ruleset;
import org.pkttables.io.ports.Counters;
import org.pkttables.io.ports.FrameRing;
import org.pkttables.io.ports.Port;
import org.pkttables.io.ports.TxBatch;

/**
 * A worker thread of a mode (bridge, router): takes frames from its rings (one per port) and hands each
 * to its {@link Stage} (bridging, routing), contains what throws on a frame, keeps a batched send queue
 * per port and the counters the stages share, and beats for the {@link Watchdog}. Everything it uses
 * per packet is its own and allocated once.
 */
public final class Worker implements Runnable {
    private static final System.Logger LOG = System.getLogger("org.pkttables.io");
    public static final int FRAMES = 0;
    public static final int FORWARDED = 1;
    public static final int FILTERED = 2;
    public static final int MALFORMED = 3;
    public static final int LOCAL = 4;
    public static final int FLOODED = 5;
    public static final int CSUM_FIXED = 6;
    public static final int SEGMENTED = 7;
    public static final int SEGMENTS = 8;
    public static final int OVERSIZED = 9;
    public static final int ARP = 10;
    public static final int OTHER = 11;
    public static final int TX_ERRORS = 12;
    /** Frames dropped because the worker's own code (or a stage) threw on them, outside the ruleset's catch. */
    static final int FAULTS = 13;
    /** TCP super-frames handed to the kernel whole, to be cut there (GSO). */
    public static final int GSO = 14;
    private static final int GLOBAL = 15;
    private static final long FAULT_LOG_NS = 10_000_000_000L;
    // then per port: tx frames, tx bytes, drops (by input port), tx errors
    private static final int PER_PORT = 4;

    /** Empty polls before parking: a batch arriving meanwhile needs no unpark. */
    private static final int SPINS = Integer.getInteger("pkttables.bridge.spins", 50);

    public final int index;
    private final Port[] ports;
    private final String[] names;
    private final FrameRing[] rings;
    /** txs[o]: this worker's send queue on port o. */
    private final TxBatch[] txs;
    public final Counters counters;
    /** Heartbeat, restarts and last error of the thread running this worker (see {@link Watchdog}). */
    public final Liveness life;
    private final Ruleset ruleset;
    /** The ruleset's fault count of this worker slot when this worker was made (slots outlive bridges). */
    private final long faultBase;
    // owner thread only: the rate limit of the fault log
    private boolean faultLogged;
    private long nextFaultLog;
    private long unloggedFaults;

    private volatile boolean running = true;
    private volatile boolean sleeping;
    private volatile Thread thread;

    /** What a worker does with its frames: bridging, routing. */
    public interface Stage {
        void frame(byte[] b, int len, int in, long now);

        /** Called on every turn of the worker's loop (at least every 10 ms): timers. */
        void tick(long now);
    }

    private Stage stage;

    /** A worker without a stage yet: {@link #stage} sets it before the worker runs. */
    public Worker(int index, Ruleset ruleset, Port[] ports, int ringSize) {
        this.index = index;
        this.ports = ports;
        this.names = new String[ports.length];
        this.rings = new FrameRing[ports.length];
        this.txs = new TxBatch[ports.length];
        for (int i = 0; i < ports.length; i++) {
            names[i] = ports[i].name;
            txs[i] = new TxBatch(ports[i]);
            rings[i] = new FrameRing(ringSize);
        }
        this.counters = new Counters(GLOBAL + PER_PORT * ports.length);
        this.life = new Liveness("worker " + index);
        this.ruleset = ruleset;
        this.faultBase = ruleset.faultDrops(index);
    }

    /**
     * Packets of this worker dropped because something threw on them: extensions (counted by the
     * ruleset, per rule) and the worker's own path.
     */
    public long faults() {
        return ruleset.faultDrops(index) - faultBase + counters.get(FAULTS);
    }

    /** Once the ports are open, before the worker runs: its batched send queues. */
    public void openTx() {
        for (int i = 0; i < ports.length; i++) {
            txs[i] = ports[i].txBatch();
        }
    }

    /** Sends what this worker has queued: whenever it has no more frames in hand. */
    void flushTx() {
        for (int o = 0; o < txs.length; o++) {
            if (txs[o].flush()) {
                takeOutcome(o);
            }
        }
    }

    /** Hands every frame to {@code s} (set before the worker starts). */
    public void stage(Stage s) {
        stage = s;
    }

    public FrameRing ring(int port) {
        return rings[port];
    }

    public static int tx(int port) {
        return GLOBAL + PER_PORT * port;
    }

    public static int txBytes(int port) {
        return GLOBAL + PER_PORT * port + 1;
    }

    public static int drops(int port) {
        return GLOBAL + PER_PORT * port + 2;
    }

    public static int txErrors(int port) {
        return GLOBAL + PER_PORT * port + 3;
    }

    public long overflows() {
        long n = 0;
        for (FrameRing r : rings) {
            n += r.overflows.get(0);
        }
        return n;
    }

    public long queued() {
        long n = 0;
        for (FrameRing r : rings) {
            n += r.available();
        }
        return n;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            loop();
        } catch (Throwable t) {
            // Not a packet's fault (those are contained per frame): the watchdog restarts this loop.
            life.failed(t);
            LOG.log(System.Logger.Level.ERROR, life.name + " stopped: " + t, t);
            t.printStackTrace();
        }
    }

    private void loop() {
        int empty = 0;
        while (running) {
            life.beat();
            if (poll()) {
                empty = 0;
            } else if (++empty > SPINS) {
                idle();
                empty = 0;
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** Called by a capture thread after publishing to this worker. */
    public void wake() {
        if (sleeping) {
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void idle() {
        sleeping = true;
        // Volatile store, then volatile loads of every ring: a capture thread that published before
        // reading `sleeping` is seen here, one that publishes after will unpark us.
        boolean work = false;
        for (FrameRing r : rings) {
            if (r.available() > 0) {
                work = true;
                break;
            }
        }
        if (!work && running) {
            LockSupport.parkNanos(10_000_000L);
        }
        sleeping = false;
    }

    private boolean poll() {
        boolean any = false;
        long now = System.nanoTime();
        Stage s = stage;
        if (s != null) {
            s.tick(now);
        }
        for (int in = 0; in < rings.length; in++) {
            FrameRing r = rings[in];
            int n = Math.min(r.available(), FrameRing.BATCH);
            if (n <= 0) {
                continue;
            }
            any = true;
            long seq = r.headSeq();
            for (int k = 0; k < n; k++) {
                frame(r.buffer(seq + k), r.length(seq + k), in, now);
            }
            r.release(n);
        }
        if (any) {
            flushTx();
        }
        return any;
    }

    /**
     * One frame from port {@code in}. Whatever throws on it (the ruleset contains its extensions' faults
     * itself; this is for the rest of the path) drops the frame, is counted and logged with a rate limit,
     * and the worker goes on. JVM errors other than a stack overflow go up to the loop (see run).
     */
    public void frame(byte[] b, int len, int in, long now) {
        try {
            handle(b, len, in, now);
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
                throw (VirtualMachineError) t;
            }
            fault(t, in, now);
        }
    }

    private void fault(Throwable t, int in, long now) {
        counters.inc(FAULTS);
        counters.inc(drops(in));
        life.failed(t);
        if (!faultLogged) {
            faultLogged = true;
            nextFaultLog = now + FAULT_LOG_NS;
            LOG.log(System.Logger.Level.ERROR, life.name + ": a frame from " + names[in]
                    + " was dropped because its handling threw (logged once, then counted in workers)", t);
        } else if (++unloggedFaults > 0 && now - nextFaultLog >= 0) {
            LOG.log(System.Logger.Level.WARNING, life.name + ": " + unloggedFaults
                    + " more frames dropped because their handling threw; last: " + t);
            unloggedFaults = 0;
            nextFaultLog = now + FAULT_LOG_NS;
        }
    }

    private void handle(byte[] b, int len, int in, long now) {
        Stage st = stage;
        if (st == null) {
            throw new IllegalStateException(life.name + " has no stage");
        }
        st.frame(b, len, in, now);
    }

    /** Queues a frame for port {@code out} on this worker's batched send queue (sent by {@link #flushTx}). */
    public void transmit(byte[] b, int len, int out) {
        if (txs[out].add(b, len)) {
            takeOutcome(out);
        }
    }

    /**
     * Sends the TCP super-frame {@code b[off, off+len)} on port {@code out} whole behind the virtio_net_hdr
     * {@code vnet}, after the frames queued for that port; false (nothing sent) when the port cannot.
     */
    public boolean transmitGso(byte[] vnet, byte[] b, int off, int len, int out) {
        if (!ports[out].gso()) {
            return false;
        }
        if (txs[out].addGso(vnet, b, off, len)) {
            takeOutcome(out);
        }
        counters.inc(GSO);
        return true;
    }

    private void takeOutcome(int out) {
        TxBatch t = txs[out];
        counters.add(tx(out), t.sent);
        counters.add(txBytes(out), t.sentBytes);
        if (t.failed > 0) {
            counters.add(TX_ERRORS, t.failed);
            counters.add(txErrors(out), t.failed);
        }
        t.clearOutcome();
    }

    /** Counts a frame from port {@code in} dropped for {@code why} (a counter of this class). */
    public void drop(int why, int in) {
        counters.inc(why);
        counters.inc(drops(in));
    }
}
