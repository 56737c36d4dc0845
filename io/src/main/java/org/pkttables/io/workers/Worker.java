package org.pkttables.io.workers;

import java.util.concurrent.locks.LockSupport;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Ruleset;
import org.pkttables.api.ext.Checksums;
import org.pkttables.io.bridge.BridgeFamilyStage;
import org.pkttables.io.frames.TcpSegmenter;
import org.pkttables.io.bridge.Fdb;
import org.pkttables.io.ports.Counters;
import org.pkttables.io.ports.FrameRing;
import org.pkttables.io.ports.Port;
import org.pkttables.io.ports.TxBatch;

/**
 * A worker thread of the bridge: takes frames from its rings (one per port), learns source
 * addresses, runs every frame through the bridge family's PREROUTING (and IPv4/IPv6 ones through
 * theirs), decides where it goes, then runs FORWARD and POSTROUTING for each output port in
 * br_netfilter's order ({@link BridgeFamilyStage}: ebtables for every frame, iptables/ip6tables for
 * IP, arptables FORWARD for ARP), completes partial checksums, segments TCP super-frames and sends.
 * Everything it uses per packet (context, scratch buffer, counters) is its own and allocated once.
 */
public final class Worker implements Runnable, TcpSegmenter.Sink {
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
    private static final int GLOBAL = 14;
    private static final long FAULT_LOG_NS = 10_000_000_000L;
    // then per port: tx frames, tx bytes, drops (by input port), tx errors
    private static final int PER_PORT = 4;

    /** Empty polls before parking: a batch arriving meanwhile needs no unpark. */
    private static final int SPINS = Integer.getInteger("pkttables.bridge.spins", 50);

    private static final int ETH_IPV4 = 0x0800;
    private static final int ETH_IPV6 = 0x86dd;
    private static final int ETH_ARP = 0x0806;

    public final int index;
    private final Port[] ports;
    private final String[] names;
    private final Fdb fdb;
    private final FrameRing[] rings;
    /** txs[o]: this worker's send queue on port o. */
    private final TxBatch[] txs;
    private final PacketContext p;
    private final TcpSegmenter segmenter;
    private final BridgeFamilyStage l2;
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

    // the frame being sent by the segmenter (Sink)
    private int sinkPort;

    /** What a worker does with its frames instead of bridging them (router mode). */
    public interface Stage {
        void frame(byte[] b, int len, int in, long now);

        /** Called on every turn of the worker's loop (at least every 10 ms): timers. */
        void tick(long now);
    }

    private Stage stage;

    public Worker(int index, Ruleset ruleset, Port[] ports, Fdb fdb, int ringSize) {
        this.index = index;
        this.ports = ports;
        this.fdb = fdb;
        this.names = new String[ports.length];
        this.rings = new FrameRing[ports.length];
        this.txs = new TxBatch[ports.length];
        int maxFrame = 0;
        for (int i = 0; i < ports.length; i++) {
            names[i] = ports[i].name;
            txs[i] = new TxBatch(ports[i]);
            rings[i] = new FrameRing(ringSize);
            maxFrame = Math.max(maxFrame, ports[i].maxFrame());
        }
        this.p = new PacketContext(index);
        this.segmenter = new TcpSegmenter(maxFrame);
        this.l2 = new BridgeFamilyStage(ruleset, p, names);
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

    /** Hands every frame to {@code s} instead of the bridge (set before the worker starts). */
    public void stage(Stage s) {
        stage = s;
    }

    /** br_netfilter's call-iptables/ip6tables/arptables switches (shared by the bridge's workers). */
    public void calls(BridgeFamilyStage.Calls c) {
        l2.calls(c);
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
            System.err.println("pkttables: " + life.name + " stopped: " + t);
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
            System.err.println("pkttables: " + life.name + ": a frame from " + names[in]
                    + " was dropped because its handling threw (logged once, then counted in workers):");
            t.printStackTrace();
        } else if (++unloggedFaults > 0 && now - nextFaultLog >= 0) {
            System.err.println("pkttables: " + life.name + ": " + unloggedFaults
                    + " more frames dropped because their handling threw; last: " + t);
            unloggedFaults = 0;
            nextFaultLog = now + FAULT_LOG_NS;
        }
    }

    private void handle(byte[] b, int len, int in, long now) {
        Stage st = stage;
        if (st != null) {
            st.frame(b, len, in, now);
            return;
        }
        counters.inc(FRAMES);
        if (len < 14) {
            drop(MALFORMED, in);
            return;
        }
        if ((b[6] & 1) == 0) {
            fdb.learn(Fdb.mac(b, 6), in, now);
        }
        int type = ((b[12] & 0xff) << 8) | (b[13] & 0xff);
        if (type != ETH_IPV4 && type != ETH_IPV6) {
            counters.inc(type == ETH_ARP ? ARP : OTHER);
        }
        // The bridge family's PREROUTING comes before the lookup: ebtables dnat may change the destination.
        int pre = l2.prerouting(b, len, in);
        if (pre != 0) {
            drop(pre == BridgeFamilyStage.MALFORMED ? MALFORMED : FILTERED, in);
            return;
        }
        int out = (b[0] & 1) != 0 ? -1 : fdb.lookup(Fdb.mac(b, 0), now);
        if (out == in) {
            // The destination lives on the port the frame came from: not ours to forward.
            counters.inc(LOCAL);
            return;
        }
        int mark = p.mark();
        if (out >= 0) {
            forward(in, out, mark);
            return;
        }
        counters.inc(FLOODED);
        boolean keep = ports.length > 2 && l2.keepPristine();
        if (keep) {
            l2.save(len);
        }
        boolean first = true;
        for (int o = 0; o < ports.length; o++) {
            if (o != in) {
                if (keep && !first) {
                    l2.restore(len);
                }
                first = false;
                forward(in, o, mark);
            }
        }
    }

    /** The per-port hooks (bridge and L3 FORWARD, POSTROUTING), then out. */
    private void forward(int in, int out, int mark) {
        if (!l2.forward(in, out, mark)) {
            drop(FILTERED, in);
            return;
        }
        int len = p.length();
        Port port = ports[out];
        if (l2.l3() != Family.IPV4 && l2.l3() != Family.IPV6) {
            transmitRaw(p.buffer(), len, in, out);
            return;
        }
        if (len > port.mtu + 14) {
            sinkPort = out;
            int n = segmenter.segment(p, port.mtu + 14, this);
            if (n == 0) {
                drop(OVERSIZED, in);
            } else {
                counters.inc(SEGMENTED);
                counters.add(SEGMENTS, n);
                counters.inc(FORWARDED);
            }
            return;
        }
        if (Checksums.completePartial(p)) {
            counters.inc(CSUM_FIXED);
        }
        transmit(p.buffer(), len, out);
        counters.inc(FORWARDED);
    }

    private void transmitRaw(byte[] b, int len, int in, int out) {
        if (len > ports[out].maxFrame()) {
            drop(OVERSIZED, in);
            return;
        }
        transmit(b, len, out);
        counters.inc(FORWARDED);
    }

    @Override
    public void send(byte[] frame, int len) {
        transmit(frame, len, sinkPort);
    }

    private void transmit(byte[] b, int len, int out) {
        if (txs[out].add(b, len)) {
            takeOutcome(out);
        }
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

    private void drop(int why, int in) {
        counters.inc(why);
        counters.inc(drops(in));
    }
}
