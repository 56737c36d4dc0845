package org.pkttables.io.wire;

import java.util.concurrent.locks.LockSupport;

import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Ruleset;
import org.pkttables.api.Verdict;

/**
 * A worker thread of the bridge: takes frames from its rings (one per port), learns source
 * addresses, decides where a frame goes, runs IPv4/IPv6 frames through PREROUTING, then FORWARD and
 * POSTROUTING for each output port (as br_netfilter does), completes partial checksums, segments TCP
 * super-frames and sends. Everything it uses per packet (context, scratch buffer, counters) is its
 * own and allocated once.
 *
 * <p>ARP is not filtered here: the arp family has only INPUT and OUTPUT (as arptables-nft), which a
 * bridge does not pass; in the kernel a bridge's ARP goes through the bridge family (ebtables). ARP
 * frames are forwarded after the bridge decision, like every other non-IP frame, and counted.
 */
final class Worker implements Runnable, TcpSegmenter.Sink {
    static final int FRAMES = 0;
    static final int FORWARDED = 1;
    static final int FILTERED = 2;
    static final int MALFORMED = 3;
    static final int LOCAL = 4;
    static final int FLOODED = 5;
    static final int CSUM_FIXED = 6;
    static final int SEGMENTED = 7;
    static final int SEGMENTS = 8;
    static final int OVERSIZED = 9;
    static final int ARP = 10;
    static final int OTHER = 11;
    static final int TX_ERRORS = 12;
    private static final int GLOBAL = 13;
    // then per port: tx frames, tx bytes, drops (by input port), tx errors
    private static final int PER_PORT = 4;

    private static final int ETH_IPV4 = 0x0800;
    private static final int ETH_IPV6 = 0x86dd;
    private static final int ETH_ARP = 0x0806;

    final int index;
    private final Ruleset ruleset;
    private final Port[] ports;
    private final String[] names;
    private final Fdb fdb;
    private final FrameRing[] rings;
    private final PacketContext p;
    private final TcpSegmenter segmenter;
    final Counters counters;

    private volatile boolean running = true;
    private volatile boolean sleeping;
    private volatile Thread thread;

    // the frame being sent by the segmenter (Sink)
    private int sinkPort;

    /** What a worker does with its frames instead of bridging them (router mode). */
    interface Stage {
        void frame(byte[] b, int len, int in, long now);

        /** Called on every turn of the worker's loop (at least every 10 ms): timers. */
        void tick(long now);
    }

    private Stage stage;

    Worker(int index, Ruleset ruleset, Port[] ports, Fdb fdb, int ringSize) {
        this.index = index;
        this.ruleset = ruleset;
        this.ports = ports;
        this.fdb = fdb;
        this.names = new String[ports.length];
        this.rings = new FrameRing[ports.length];
        int maxFrame = 0;
        for (int i = 0; i < ports.length; i++) {
            names[i] = ports[i].name;
            rings[i] = new FrameRing(ringSize);
            maxFrame = Math.max(maxFrame, ports[i].maxFrame());
        }
        this.p = new PacketContext(index);
        this.segmenter = new TcpSegmenter(maxFrame);
        this.counters = new Counters(GLOBAL + PER_PORT * ports.length);
    }

    /** Hands every frame to {@code s} instead of the bridge (set before the worker starts). */
    void stage(Stage s) {
        stage = s;
    }

    FrameRing ring(int port) {
        return rings[port];
    }

    static int tx(int port) {
        return GLOBAL + PER_PORT * port;
    }

    static int txBytes(int port) {
        return GLOBAL + PER_PORT * port + 1;
    }

    static int drops(int port) {
        return GLOBAL + PER_PORT * port + 2;
    }

    static int txErrors(int port) {
        return GLOBAL + PER_PORT * port + 3;
    }

    long overflows() {
        long n = 0;
        for (FrameRing r : rings) {
            n += r.overflows.get(0);
        }
        return n;
    }

    long queued() {
        long n = 0;
        for (FrameRing r : rings) {
            n += r.available();
        }
        return n;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        while (running) {
            if (!poll()) {
                idle();
            }
        }
    }

    /** Called by a capture thread after publishing to this worker. */
    void wake() {
        if (sleeping) {
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    void stop() {
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
                if (s != null) {
                    s.frame(r.buffer(seq + k), r.length(seq + k), in, now);
                } else {
                    frame(r.buffer(seq + k), r.length(seq + k), in, now);
                }
            }
            r.release(n);
        }
        return any;
    }

    /** One frame from port {@code in}. */
    void frame(byte[] b, int len, int in, long now) {
        counters.inc(FRAMES);
        if (len < 14) {
            drop(MALFORMED, in);
            return;
        }
        if ((b[6] & 1) == 0) {
            fdb.learn(Fdb.mac(b, 6), in, now);
        }
        int out = (b[0] & 1) != 0 ? -1 : fdb.lookup(Fdb.mac(b, 0), now);
        if (out == in) {
            // The destination lives on the port the frame came from: not ours to forward.
            counters.inc(LOCAL);
            return;
        }
        int type = ((b[12] & 0xff) << 8) | (b[13] & 0xff);
        Family f = type == ETH_IPV4 ? Family.IPV4 : type == ETH_IPV6 ? Family.IPV6 : null;
        if (f == null) {
            counters.inc(type == ETH_ARP ? ARP : OTHER);
            if (out >= 0) {
                transmitRaw(b, len, in, out);
            } else {
                counters.inc(FLOODED);
                for (int o = 0; o < ports.length; o++) {
                    if (o != in) {
                        transmitRaw(b, len, in, o);
                    }
                }
            }
            return;
        }
        p.reset(b, 0, len);
        p.setL2(0);
        if (!ruleset.parse(f, p, 14)) {
            drop(MALFORMED, in);
            return;
        }
        p.setHook(Hook.PREROUTING);
        p.setInIface(names[in]);
        p.setOutIface(null);
        if (ruleset.process(p) != Verdict.ACCEPT) {
            drop(FILTERED, in);
            return;
        }
        int mark = p.mark();
        if (out >= 0) {
            forward(in, out, mark);
        } else {
            counters.inc(FLOODED);
            for (int o = 0; o < ports.length; o++) {
                if (o != in) {
                    forward(in, o, mark);
                }
            }
        }
    }

    /** FORWARD and POSTROUTING for one output port, then out. */
    private void forward(int in, int out, int mark) {
        p.setMark(mark);
        p.setRejectWith(PacketContext.REJECT_NONE);
        p.setHook(Hook.FORWARD);
        p.setInIface(names[in]);
        p.setOutIface(names[out]);
        if (ruleset.process(p) != Verdict.ACCEPT) {
            // REJECT asks for an error packet; a bridge has no address to send it from, so it is a drop.
            drop(FILTERED, in);
            return;
        }
        p.setHook(Hook.POSTROUTING);
        p.setInIface(null);
        if (ruleset.process(p) != Verdict.ACCEPT) {
            drop(FILTERED, in);
            return;
        }
        int len = p.length();
        Port port = ports[out];
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
        if (ports[out].send(b, len)) {
            counters.inc(tx(out));
            counters.add(txBytes(out), len);
        } else {
            counters.inc(TX_ERRORS);
            counters.inc(txErrors(out));
        }
    }

    private void drop(int why, int in) {
        counters.inc(why);
        counters.inc(drops(in));
    }
}
