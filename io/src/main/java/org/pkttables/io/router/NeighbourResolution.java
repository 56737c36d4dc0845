package org.pkttables.io.router;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Ruleset;
import org.pkttables.io.ports.Counters;
import org.pkttables.io.frames.IcmpErrors;
import org.pkttables.io.frames.IpHeaders;
import org.pkttables.io.workers.Worker;

/**
 * The last step out of a router worker: the next hop's MAC from the {@link NeighbourTable}. A frame
 * to a known neighbour leaves at once; otherwise it is copied into a small queue of the worker's own
 * while the neighbour is solicited (ARP request, neighbour solicitation), sent when it answers, and
 * answered with a host unreachable when it does not. The worker's {@link #tick} sweeps the queue.
 */
final class NeighbourResolution {
    static final int PENDING = 64;
    static final int PENDING_PER_NEIGHBOUR = 3;
    private static final long PENDING_MAX_NS = 5_000_000_000L;
    private static final long SWEEP_NS = 1_000_000_000L;

    private final RouterStage stage;
    private final IcmpErrorSender errors;
    private final Counters counters;
    private final Ruleset ruleset;
    private final NeighbourTable neigh;
    private final RouteCache routes;
    private final long[] macs;
    /** Worker 0 also sweeps the shared neighbour table. */
    private final boolean sweeper;
    /** A queued or failed packet an ICMP error is about. */
    private final PacketContext q;
    /** ARP requests and neighbour solicitations. */
    private final byte[] ctl = new byte[128];
    private final NeighbourTable.Key probe = new NeighbourTable.Key();

    // the pending queue
    private final byte[][] pendBuf = new byte[PENDING][];
    private final int[] pendLen = new int[PENDING];
    private final NeighbourTable.Entry[] pendEntry = new NeighbourTable.Entry[PENDING];
    private final boolean[] pendLocal = new boolean[PENDING];
    private final long[] pendAt = new long[PENDING];
    private int pending;
    private long nextSweep;

    NeighbourResolution(RouterStage stage, IcmpErrorSender errors, Counters counters, Ruleset ruleset,
            NeighbourTable neigh, RouteCache routes, long[] macs, boolean sweeper, int worker) {
        this.stage = stage;
        this.errors = errors;
        this.counters = counters;
        this.ruleset = ruleset;
        this.neigh = neigh;
        this.routes = routes;
        this.macs = macs;
        this.sweeper = sweeper;
        this.q = new PacketContext(worker);
    }

    /**
     * Sends the frame {@code b[off, off+len)} (IP packet at off+14) to the neighbour {@code nh} on port
     * {@code out}: at once when its MAC is known, else queued and the neighbour solicited.
     */
    void deliver(Family f, int out, byte[] nh, int nhOff, byte[] b, int off, int len, boolean local, int in,
            long now) {
        probe.set(out, nh, nhOff, f == Family.IPV4 ? 4 : 16);
        NeighbourTable.Entry e = neigh.get(probe, now);
        if (e != null && e.state == NeighbourTable.REACHABLE) {
            stage.sendTo(b, off, len, out, e.mac, in);
            if (neigh.refreshDue(e, now)) {
                solicit(e); // stale: still used, asked again
            }
            return;
        }
        if (e != null && e.state == NeighbourTable.FAILED) {
            counters.inc(RouterStage.NEIGH_FAILED);
            if (in >= 0) {
                stage.drop(Worker.FILTERED, in);
            }
            if (!local) {
                q.reset(b, off, len);
                q.setL2(off);
                if (ruleset.parse(f, q, off + IpHeaders.ETH)) {
                    errors.error(q, f == Family.IPV4 ? IcmpErrors.HOST_UNREACHABLE : IcmpErrors.V6_ADDR_UNREACHABLE,
                            0, now);
                }
            }
            return;
        }
        e = neigh.resolve(probe, now);
        if (e == null || !enqueue(e, b, off, len, local, now)) {
            counters.inc(RouterStage.QUEUE_FULL);
            if (in >= 0) {
                stage.drop(Worker.FILTERED, in);
            }
            return;
        }
        if (neigh.probeDue(e, now)) {
            solicit(e);
        }
    }

    private boolean enqueue(NeighbourTable.Entry e, byte[] b, int off, int len, boolean local, long now) {
        int free = -1;
        int same = 0;
        for (int i = 0; i < PENDING; i++) {
            if (pendEntry[i] == null) {
                if (free < 0) {
                    free = i;
                }
            } else if (pendEntry[i] == e) {
                same++;
            }
        }
        if (free < 0 || same >= PENDING_PER_NEIGHBOUR) {
            return false;
        }
        byte[] buf = pendBuf[free];
        if (buf == null || buf.length < len) {
            buf = new byte[Math.max(len, 2048)];
            pendBuf[free] = buf;
        }
        System.arraycopy(b, off, buf, 0, len);
        pendLen[free] = len;
        pendEntry[free] = e;
        pendLocal[free] = local;
        pendAt[free] = now;
        pending++;
        counters.inc(RouterStage.NEIGH_QUEUED);
        return true;
    }

    private void solicit(NeighbourTable.Entry e) {
        NeighbourTable.Key k = e.key;
        int out = k.port;
        boolean v4 = k.len == 4;
        byte[] src = routes.source(v4, out, k.a, 0);
        if (src == null) {
            return;
        }
        counters.inc(RouterStage.NEIGH_PROBES);
        int n = v4 ? ArpFrames.request(ctl, macs[out], src, 0, k.a, 0)
                : NdFrames.solicit(ctl, macs[out], src, 0, k.a, 0);
        if (stage.hooksOut(v4 ? Family.ARP : Family.IPV6, ctl, n, out)) {
            stage.transmit(ctl, 0, n, out);
        }
    }

    /** Sweeps the neighbour table (worker 0) and the queue: sends, gives up on, or solicits again. */
    public void tick(long now) {
        if (sweeper && now - nextSweep >= 0) {
            nextSweep = now + SWEEP_NS;
            neigh.sweep(now);
        }
        if (pending == 0) {
            return;
        }
        for (int i = 0; i < PENDING; i++) {
            NeighbourTable.Entry e = pendEntry[i];
            if (e == null) {
                continue;
            }
            int state = e.state;
            if (state == NeighbourTable.REACHABLE) {
                free(i);
                stage.sendTo(pendBuf[i], 0, pendLen[i], e.key.port, e.mac, -1);
            } else if (state == NeighbourTable.FAILED || now - pendAt[i] > PENDING_MAX_NS) {
                free(i);
                counters.inc(RouterStage.NEIGH_FAILED);
                if (!pendLocal[i]) {
                    byte[] b = pendBuf[i];
                    Family f = IpHeaders.u16(b, 12) == IpHeaders.ETH_IPV4 ? Family.IPV4 : Family.IPV6;
                    q.reset(b, 0, pendLen[i]);
                    q.setL2(0);
                    if (ruleset.parse(f, q, IpHeaders.ETH)) {
                        errors.error(q, f == Family.IPV4 ? IcmpErrors.HOST_UNREACHABLE
                                : IcmpErrors.V6_ADDR_UNREACHABLE, 0, now);
                    }
                }
            } else if (neigh.probeDue(e, now)) {
                solicit(e);
            }
        }
    }

    private void free(int i) {
        pendEntry[i] = null;
        pending--;
    }

    /** Packets waiting for a neighbour. */
    int pending() {
        return pending;
    }
}
