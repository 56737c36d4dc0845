package org.pkttables.gen.impl;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import java.io.IOException;

import org.pkttables.gen.GenOptions;
import org.pkttables.io.live.LiveInterface;

/**
 * Plays both ends of every flow on real interfaces: client frames are sent on the client-side
 * interface, server frames on the server-side one, and each side captures what arrives from the other
 * (through the firewall between them). A flow only turns around (the other end speaks) once the frames
 * it sent last have arrived, or after {@code timeout} when the firewall dropped them, so the firewall
 * sees each flow's frames in the order of the script, as it would in a file replay. Many flows are in
 * progress at once, so the waits overlap.
 */
public final class LivePlayer {
    private static final int SNAPLEN = 128;

    private final FlowFactory factory;
    private final GenOptions o;
    private final String clientIf;
    private final String serverIf;
    private final long timeoutNanos;
    private final boolean v6;
    /** flow tuple key -> flow index, for the flows in progress. */
    private final ConcurrentHashMap<Long, Integer> inFlight = new ConcurrentHashMap<>();
    private final AtomicIntegerArray deliveredUp;
    private final AtomicIntegerArray deliveredDown;
    private final AtomicLong stray = new AtomicLong();
    private final AtomicLong deliveredTotal = new AtomicLong();
    private final int window;

    /**
     * @param window at most this many frames sent and not yet seen on the far side (nor given up as
     *               dropped): whatever stalls the firewall, its capture buffers never hold more than that,
     *               so the capture path cannot lose frames to a burst
     */
    public LivePlayer(FlowFactory factory, GenOptions o, String clientIf, String serverIf, long timeoutMillis,
            int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1 frame, not " + window);
        }
        this.window = window;
        if (o.count() > 50_000_000) {
            throw new IllegalArgumentException("live runs keep per-flow results: at most 50000000 flows");
        }
        this.factory = factory;
        this.o = o;
        this.clientIf = clientIf;
        this.serverIf = serverIf;
        this.timeoutNanos = timeoutMillis * 1_000_000L;
        this.v6 = factory.v6();
        this.deliveredUp = new AtomicIntegerArray((int) o.count());
        this.deliveredDown = new AtomicIntegerArray((int) o.count());
    }

    /** A handle on {@code dev} through io's port code; {@code capture}: it captures only what arrives. */
    private static LiveInterface open(String dev, boolean capture) {
        try {
            return LiveInterface.open(dev, SNAPLEN, 32 << 20, capture);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Captures one side: every frame that arrives there was sent from the other side in {@code dir}. */
    private final class Side implements Runnable, LiveInterface.FrameListener {
        final LiveInterface handle;
        final AtomicIntegerArray delivered;
        final int dir;
        volatile Throwable failure;

        Side(LiveInterface handle, int dir) {
            this.handle = handle;
            this.dir = dir;
            this.delivered = dir == Flow.UP ? deliveredUp : deliveredDown;
        }

        @Override
        public void run() {
            try {
                handle.capture(this);
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }

        @Override
        public void frame(byte[] f, int len) {
            long key = key(f, len, dir);
            Integer flow = key == 0 ? null : inFlight.get(key);
            if (flow == null) {
                stray.incrementAndGet();
            } else {
                delivered.incrementAndGet(flow);
                deliveredTotal.incrementAndGet();
            }
        }
    }

    /** The tuple key of a captured frame, 0 if it is not one of ours. */
    private long key(byte[] f, int len, int dir) {
        if (len < 14 + 20) {
            return 0;
        }
        int type = ((f[12] & 0xff) << 8) | (f[13] & 0xff);
        int l4;
        int proto;
        int src;
        int dst;
        if (!v6 && type == 0x0800) {
            l4 = 14 + (f[14] & 0x0f) * 4;
            proto = f[23] & 0xff;
            src = 26;
            dst = 30;
        } else if (v6 && type == 0x86dd && len >= 54) {
            l4 = 54;
            proto = f[20] & 0xff;
            src = 22;
            dst = 38;
        } else {
            return 0;
        }
        if (len < l4 + 8) {
            return 0;
        }
        int a = ((f[l4] & 0xff) << 8) | (f[l4 + 1] & 0xff);
        int b = ((f[l4 + 2] & 0xff) << 8) | (f[l4 + 3] & 0xff);
        int sport;
        int dport;
        if (proto == 6 || proto == 17) {
            sport = dir == Flow.UP ? a : b;
            dport = dir == Flow.UP ? b : a;
        } else if (proto == 1 || proto == 58) {
            sport = ((f[l4 + 4] & 0xff) << 8) | (f[l4 + 5] & 0xff);
            dport = 0;
        } else {
            return 0;
        }
        return dir == Flow.UP ? Addresses.tupleKey(f, src, f, dst, v6, sport, dport)
                : Addresses.tupleKey(f, dst, f, src, v6, sport, dport);
    }

    /**
     * @throws IllegalStateException when an interface cannot be opened (libpcap's message) or a capture
     *                               fails
     */
    public LiveReport play(boolean perFlow) throws InterruptedException {
        long count = o.count();
        LiveReport r = new LiveReport(clientIf, serverIf, count, perFlow);
        LiveInterface sendClient = open(clientIf, false);
        LiveInterface sendServer = open(serverIf, false);
        LiveInterface capClient = open(clientIf, true);
        LiveInterface capServer = open(serverIf, true);
        // frames arriving on the server side went client -> server
        Side up = new Side(capServer, Flow.UP);
        Side down = new Side(capClient, Flow.DOWN);
        Thread tu = new Thread(up, "gen-capture-" + serverIf);
        Thread td = new Thread(down, "gen-capture-" + clientIf);
        tu.setDaemon(true);
        td.setDaemon(true);
        tu.start();
        td.start();
        long t0 = System.nanoTime();
        try {
            run(r, sendClient, sendServer);
            // the last frames in flight
            long end = System.nanoTime() + Math.min(timeoutNanos, 1_000_000_000L);
            while (System.nanoTime() - end < 0 && r.delivered() < r.sent()) {
                Thread.sleep(20);
                collect(r);
            }
        } finally {
            r.seconds100 = (System.nanoTime() - t0) / 10_000_000L;
            stats(capClient, r.clientCapture);
            stats(capServer, r.serverCapture);
            capClient.stop();
            capServer.stop();
            tu.join(2000);
            td.join(2000);
            capClient.close();
            capServer.close();
            sendClient.close();
            sendServer.close();
        }
        collect(r);
        r.stray = stray.get();
        if (up.failure != null || down.failure != null) {
            Throwable t = up.failure != null ? up.failure : down.failure;
            throw new IllegalStateException("capture failed: " + t, t);
        }
        return r;
    }

    private static void stats(LiveInterface h, long[] into) {
        long[] s = h.stats();
        if (s == null) {
            into[1] = -1;
        } else {
            System.arraycopy(s, 0, into, 0, 3);
        }
    }

    private void collect(LiveReport r) {
        for (int i = 0; i < r.flows; i++) {
            r.deliveredUp[i] = deliveredUp.get(i);
            r.deliveredDown[i] = deliveredDown.get(i);
        }
    }

    private static final int FREE = 0;
    private static final int ACTIVE = 1;
    private static final int DRAINING = 2;

    private void run(LiveReport r, LiveInterface sendClient, LiveInterface sendServer) throws InterruptedException {
        long count = o.count();
        int k = (int) Math.min(o.concurrency(), count);
        Flow[] slots = new Flow[k];
        int[] state = new int[k];
        long[] lastSend = new long[k];
        /** delivered count of the current run's direction when the run began, and the run's length */
        int[] runBase = new int[k];
        int[] runLen = new int[k];
        long sentTotal = 0;
        long givenUp = 0;
        /** per slot and direction: frames already written off as dropped */
        int[] lostUp = new int[k];
        int[] lostDown = new int[k];
        for (int i = 0; i < k; i++) {
            slots[i] = Flow.newSlot();
        }
        byte[] buf = new byte[9216 + 128];
        long gap = o.pps() > 0 ? Math.round(1e9 / o.pps()) : 0;
        long flowGap = o.rate() > 0 ? Math.round(1e9 / o.rate()) : 0;
        long nextSend = System.nanoTime();
        long nextOpen = nextSend;
        long opened = 0;
        long finished = 0;
        int busy = 0;
        while (finished < count) {
            long now = System.nanoTime();
            for (int i = 0; i < k && opened < count && busy < k; i++) {
                if (state[i] == FREE && (flowGap == 0 || now - nextOpen >= 0)) {
                    Flow f = slots[i];
                    factory.open(f, opened);
                    if (r.describe != null) {
                        r.describe[(int) opened] = f.describe();
                    }
                    inFlight.put(f.key(), (int) opened);
                    opened++;
                    nextOpen += flowGap;
                    state[i] = f.done() ? DRAINING : ACTIVE;
                    lastSend[i] = now;
                    runLen[i] = 0;
                    lostUp[i] = 0;
                    lostDown[i] = 0;
                    busy++;
                }
            }
            boolean progress = false;
            for (int i = 0; i < k; i++) {
                Flow f = slots[i];
                int idx = (int) f.index();
                if (state[i] == ACTIVE) {
                    int nd = f.nextDirection();
                    int ld = f.lastDirection();
                    if (nd != ld && ld != Flow.NONE) {
                        int got = (ld == Flow.UP ? deliveredUp : deliveredDown).get(idx) - runBase[i];
                        if (got < runLen[i]) {
                            if (System.nanoTime() - lastSend[i] < timeoutNanos) {
                                continue;
                            }
                            r.timeouts++;
                            givenUp += writeOff(ld, idx, r, lostUp, lostDown, i);
                        }
                    }
                    if (sentTotal - deliveredTotal.get() - givenUp >= window) {
                        continue;
                    }
                    if (gap > 0) {
                        long wait = nextSend - System.nanoTime();
                        if (wait > 0) {
                            if (wait > 50_000) {
                                LockSupport.parkNanos(wait - 20_000);
                            }
                            while (nextSend - System.nanoTime() > 0) {
                                Thread.onSpinWait();
                            }
                        }
                        nextSend += gap;
                        // never save up a burst after a stall: bursts are what overflow capture buffers
                        long lag = System.nanoTime() - nextSend;
                        if (lag > 2 * gap) {
                            nextSend += lag - 2 * gap;
                        }
                    }
                    if (nd != ld) {
                        runBase[i] = (nd == Flow.UP ? deliveredUp : deliveredDown).get(idx);
                        runLen[i] = 0;
                    }
                    int len = f.emit(buf);
                    if ((nd == Flow.UP ? sendClient : sendServer).send(buf, len)) {
                        if (nd == Flow.UP) {
                            r.sentUp[idx]++;
                        } else {
                            r.sentDown[idx]++;
                        }
                        runLen[i]++;
                        sentTotal++;
                    } else {
                        r.sendErrors++;
                    }
                    lastSend[i] = System.nanoTime();
                    if (f.done()) {
                        state[i] = DRAINING;
                    }
                    progress = true;
                } else if (state[i] == DRAINING) {
                    boolean all = deliveredUp.get(idx) >= r.sentUp[idx] && deliveredDown.get(idx) >= r.sentDown[idx];
                    if (all || System.nanoTime() - lastSend[i] >= timeoutNanos) {
                        // frames written off as dropped that turned up after all: the flow's order may
                        // not have been kept
                        r.late += Math.max(0, deliveredUp.get(idx) + lostUp[i] - r.sentUp[idx])
                                + Math.max(0, deliveredDown.get(idx) + lostDown[i] - r.sentDown[idx]);
                        if (!all) {
                            givenUp += writeOff(Flow.UP, idx, r, lostUp, lostDown, i)
                                    + writeOff(Flow.DOWN, idx, r, lostUp, lostDown, i);
                        }
                        inFlight.remove(f.key());
                        state[i] = FREE;
                        busy--;
                        finished++;
                        progress = true;
                    }
                }
            }
            if (!progress) {
                LockSupport.parkNanos(50_000);
            }
        }
    }

    /** Frames of flow {@code idx} in {@code dir} not seen and not yet written off: now written off. */
    private int writeOff(int dir, int idx, LiveReport r, int[] lostUp, int[] lostDown, int slot) {
        int missing;
        if (dir == Flow.UP) {
            missing = r.sentUp[idx] - deliveredUp.get(idx) - lostUp[slot];
            lostUp[slot] += Math.max(missing, 0);
        } else {
            missing = r.sentDown[idx] - deliveredDown.get(idx) - lostDown[slot];
            lostDown[slot] += Math.max(missing, 0);
        }
        return Math.max(missing, 0);
    }
}
