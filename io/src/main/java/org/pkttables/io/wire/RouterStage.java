package org.pkttables.io.wire;

import java.util.IdentityHashMap;
import java.util.List;

import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Ruleset;
import org.pkttables.api.Verdict;
import org.pkttables.ext.targets.api.RejectCodes;
import org.pkttables.route.InterfaceAddress;
import org.pkttables.route.NextHop;
import org.pkttables.route.Route;
import org.pkttables.route.RouteType;
import org.pkttables.route.RoutingTable;

/**
 * What a worker does with its frames in router mode, in the kernel's order:
 * PREROUTING, the routing decision (longest-prefix match in the {@link RoutingTable}), then either
 * INPUT and the appliance's own answers (ARP, neighbour advertisements, echo replies, TCP resets and
 * port unreachables), or the TTL / hop-limit and MTU checks, the decrement with an incremental
 * checksum update, FORWARD and POSTROUTING, the next hop's MAC from the {@link NeighbourTable} and out.
 * Packets the appliance makes itself go OUTPUT then POSTROUTING. ICMP errors are rate-limited per
 * worker. Packets waiting for a neighbour are copied into a small queue of the worker's own.
 *
 * <p>Like the bridge worker it allocates nothing per packet once warm: its contexts and buffers are
 * its own; the route to port/gateway cache and the address cache are rebuilt only when the routing
 * table's generation changes.
 */
final class RouterStage implements Worker.Stage, TcpSegmenter.Sink {
    // router counters (besides the worker's own)
    static final int ARP_IN = 0;
    static final int ARP_REPLIES = 1;
    static final int ND_IN = 2;
    static final int ND_ADVERTS = 3;
    static final int LOCAL_IN = 4;
    static final int ECHO_REPLIES = 5;
    static final int ICMP_ERRORS = 6;
    static final int ICMP_LIMITED = 7;
    static final int NO_ROUTE = 8;
    static final int TTL_EXCEEDED = 9;
    static final int TOO_BIG = 10;
    static final int NEIGH_QUEUED = 11;
    static final int NEIGH_FAILED = 12;
    static final int NEIGH_PROBES = 13;
    static final int NOT_FOR_US = 14;
    static final int REJECTS = 15;
    static final int LOCAL_OUT = 16;
    static final int QUEUE_FULL = 17;
    static final int FRAGMENTED = 18;
    static final int COUNTERS = 19;

    static final int PENDING = 64;
    static final int PENDING_PER_NEIGHBOUR = 3;
    private static final long PENDING_MAX_NS = 5_000_000_000L;
    private static final long SWEEP_NS = 1_000_000_000L;

    final Counters counters = new Counters(COUNTERS);
    private final Worker worker;
    private final Counters wc;
    private final Ruleset ruleset;
    private final RoutingTable rt;
    private final Port[] ports;
    private final String[] names;
    private final long[] macs;
    private final NeighbourTable neigh;
    private final Runnable wakeAll;
    private final boolean sweeper;
    private final IcmpLimiter limiter = IcmpLimiter.kernelDefaults();
    private final Fragmenter fragmenter;

    /** The packet being handled; local packets; pending packets; pieces being cut. */
    private final PacketContext p;
    private final PacketContext o;
    private final PacketContext q;
    private final PacketContext s;
    /** Packets the appliance makes (echo replies, errors, resets). */
    private final byte[] tx;
    /** ARP and ND frames. */
    private final byte[] ctl = new byte[128];
    private final TcpSegmenter segmenter;
    private final NeighbourTable.Key probe = new NeighbourTable.Key();

    // caches of the routing table, rebuilt when its generation moves
    private long generation = -1;
    private final IdentityHashMap<NextHop, Hop> hops = new IdentityHashMap<>();
    private byte[][][] v4Addrs;
    private int[][] v4Prefix;
    private byte[][][] v6Addrs;
    private int[][] v6Prefix;

    // result of routeFor()
    private int routedPort;
    private byte[] routedGw;

    // the pending queue
    private final byte[][] pendBuf = new byte[PENDING][];
    private final int[] pendLen = new int[PENDING];
    private final NeighbourTable.Entry[] pendEntry = new NeighbourTable.Entry[PENDING];
    private final boolean[] pendLocal = new boolean[PENDING];
    private final long[] pendAt = new long[PENDING];
    private int pending;
    private long nextSweep;

    private int sinkPort;

    /** Where a next hop leaves: port index and gateway (null: the destination is on the link). */
    private static final class Hop {
        final int port;
        final byte[] gw;

        Hop(int port, byte[] gw) {
            this.port = port;
            this.gw = gw;
        }
    }

    RouterStage(Worker worker, Ruleset ruleset, RoutingTable rt, Port[] ports, long[] macs, NeighbourTable neigh,
            Runnable wakeAll) {
        this.worker = worker;
        this.wc = worker.counters;
        this.ruleset = ruleset;
        this.rt = rt;
        this.ports = ports;
        this.macs = macs.clone();
        this.neigh = neigh;
        this.wakeAll = wakeAll;
        this.sweeper = worker.index == 0;
        this.names = new String[ports.length];
        int maxFrame = 0;
        for (int i = 0; i < ports.length; i++) {
            names[i] = ports[i].name.intern();
            maxFrame = Math.max(maxFrame, ports[i].maxFrame());
        }
        this.p = new PacketContext(worker.index);
        this.o = new PacketContext(worker.index);
        this.q = new PacketContext(worker.index);
        this.s = new PacketContext(worker.index);
        this.tx = new byte[Math.max(maxFrame, IcmpErrors.V6_MAX + IpHeaders.ETH)];
        this.segmenter = new TcpSegmenter(maxFrame);
        this.fragmenter = new Fragmenter(maxFrame);
    }

    // ---------------------------------------------------------------- receive

    @Override
    public void frame(byte[] b, int len, int in, long now) {
        wc.inc(Worker.FRAMES);
        if (len < IpHeaders.ETH) {
            drop(Worker.MALFORMED, in);
            return;
        }
        refresh();
        boolean group = (b[0] & 1) != 0;
        if (!group && IpHeaders.mac(b, 0) != macs[in]) {
            // Another host's unicast seen in promiscuous mode (PACKET_OTHERHOST): not ours.
            counters.inc(NOT_FOR_US);
            return;
        }
        int type = IpHeaders.u16(b, 12);
        if (type == IpHeaders.ETH_ARP) {
            arp(b, len, in, now);
            return;
        }
        Family f = type == IpHeaders.ETH_IPV4 ? Family.IPV4 : type == IpHeaders.ETH_IPV6 ? Family.IPV6 : null;
        if (f == null) {
            wc.inc(Worker.OTHER);
            return;
        }
        p.reset(b, 0, len);
        p.setL2(0);
        if (!ruleset.parse(f, p, IpHeaders.ETH)) {
            drop(Worker.MALFORMED, in);
            return;
        }
        boolean v4 = f == Family.IPV4;
        int l3 = p.l3Offset();
        if (v4 && Checksums.fold(Checksums.sum(b, l3, (b[l3] & 0x0f) * 4)) != 0xffff) {
            drop(Worker.MALFORMED, in); // ip_rcv drops a bad header checksum before any hook
            return;
        }
        p.setHook(Hook.PREROUTING);
        p.setInIface(names[in]);
        p.setOutIface(null);
        if (ruleset.process(p) != Verdict.ACCEPT) {
            refused(p, in, now);
            return;
        }
        int dstOff = l3 + (v4 ? 16 : 24);
        boolean multicast = v4 ? (b[dstOff] & 0xf0) == 0xe0 || allOnes(b, dstOff) : (b[dstOff] & 0xff) == 0xff;
        Route route = multicast ? null : rt.lookup(f, b, dstOff);
        if (multicast || (route != null && route.type() == RouteType.LOCAL)) {
            input(f, in, now, multicast);
            return;
        }
        if (group) {
            // ip_forward: only frames sent to our own MAC are routed
            counters.inc(NOT_FOR_US);
            return;
        }
        forward(f, route, in, now);
    }

    private static boolean allOnes(byte[] b, int off) {
        return b[off] == -1 && b[off + 1] == -1 && b[off + 2] == -1 && b[off + 3] == -1;
    }

    // ---------------------------------------------------------------- forward

    private void forward(Family f, Route route, int in, long now) {
        boolean v4 = f == Family.IPV4;
        byte[] b = p.buffer();
        int l3 = p.l3Offset();
        Hop hop = route != null && route.type() == RouteType.UNICAST ? hop(route, b, p.length()) : null;
        if (hop == null) {
            counters.inc(NO_ROUTE);
            drop(Worker.FILTERED, in);
            RouteType t = route == null ? null : route.type();
            if (t != RouteType.BLACKHOLE) {
                int tc = t == RouteType.PROHIBIT ? (v4 ? IcmpErrors.ADMIN_PROHIBITED : IcmpErrors.V6_ADMIN_PROHIBITED)
                        : t == RouteType.UNREACHABLE ? (v4 ? IcmpErrors.HOST_UNREACHABLE : IcmpErrors.V6_NO_ROUTE)
                        : (v4 ? IcmpErrors.NET_UNREACHABLE : IcmpErrors.V6_NO_ROUTE);
                error(p, tc, 0, now);
            }
            return;
        }
        int out = hop.port;
        int ttl = b[l3 + (v4 ? 8 : 7)] & 0xff;
        if (ttl <= 1) {
            counters.inc(TTL_EXCEEDED);
            drop(Worker.FILTERED, in);
            error(p, v4 ? IcmpErrors.TIME_EXCEEDED : IcmpErrors.V6_TIME_EXCEEDED, 0, now);
            return;
        }
        int ipLen = v4 ? p.u16(l3 + 2) : 40 + p.u16(l3 + 4);
        int mtu = ports[out].mtu;
        if (ipLen > mtu) {
            // Larger than the input port's MTU: a super-frame of local TSO/GSO or GRO, cut on the way out.
            boolean superFrame = ipLen > ports[in].mtu && p.l4Proto() == 6 && !p.isFragment();
            if (!superFrame && (!v4 || (b[l3 + 6] & 0x40) != 0)) {
                counters.inc(TOO_BIG);
                drop(Worker.FILTERED, in);
                error(p, v4 ? IcmpErrors.FRAG_NEEDED : IcmpErrors.V6_PACKET_TOO_BIG, mtu, now);
                return;
            }
        }
        if (v4) {
            decrementTtl(b, l3);
        } else {
            b[l3 + 7] = (byte) (ttl - 1);
        }
        p.setHook(Hook.FORWARD);
        p.setInIface(names[in]);
        p.setOutIface(names[out]);
        if (ruleset.process(p) != Verdict.ACCEPT) {
            refused(p, in, now);
            return;
        }
        p.setHook(Hook.POSTROUTING);
        p.setInIface(null);
        if (ruleset.process(p) != Verdict.ACCEPT) {
            drop(Worker.FILTERED, in);
            return;
        }
        if (p.length() <= mtu + IpHeaders.ETH && Checksums.completePartial(p)) {
            wc.inc(Worker.CSUM_FIXED);
        }
        byte[] nh = hop.gw != null ? hop.gw : b;
        int nhOff = hop.gw != null ? 0 : l3 + (v4 ? 16 : 24);
        deliver(f, out, nh, nhOff, b, p.start(), p.length(), false, in, now);
    }

    /**
     * IPv4 TTL minus one with the header checksum updated incrementally, exactly as the kernel's
     * ip_decrease_ttl (RFC 1624: the 16-bit word TTL/protocol drops by 0x0100, so the checksum rises by it).
     */
    static void decrementTtl(byte[] b, int l3) {
        int check = IpHeaders.u16(b, l3 + 10);
        check += 0x0100;
        check = (check + (check >= 0xffff ? 1 : 0)) & 0xffff;
        IpHeaders.put16(b, l3 + 10, check);
        b[l3 + 8] = (byte) ((b[l3 + 8] & 0xff) - 1);
    }

    /**
     * Sends the frame {@code b[off, off+len)} (IP packet at off+14) to the neighbour {@code nh} on port
     * {@code out}: at once when its MAC is known, else queued and the neighbour solicited.
     */
    private void deliver(Family f, int out, byte[] nh, int nhOff, byte[] b, int off, int len, boolean local, int in,
            long now) {
        probe.set(out, nh, nhOff, f == Family.IPV4 ? 4 : 16);
        NeighbourTable.Entry e = neigh.get(probe, now);
        if (e != null && e.state == NeighbourTable.REACHABLE) {
            sendTo(b, off, len, out, e.mac, in);
            if (neigh.refreshDue(e, now)) {
                solicit(e); // stale: still used, asked again
            }
            return;
        }
        if (e != null && e.state == NeighbourTable.FAILED) {
            counters.inc(NEIGH_FAILED);
            if (in >= 0) {
                drop(Worker.FILTERED, in);
            }
            if (!local) {
                q.reset(b, off, len);
                q.setL2(off);
                if (ruleset.parse(f, q, off + IpHeaders.ETH)) {
                    error(q, f == Family.IPV4 ? IcmpErrors.HOST_UNREACHABLE : IcmpErrors.V6_ADDR_UNREACHABLE, 0, now);
                }
            }
            return;
        }
        e = neigh.resolve(probe, now);
        if (e == null || !enqueue(e, b, off, len, local, now)) {
            counters.inc(QUEUE_FULL);
            if (in >= 0) {
                drop(Worker.FILTERED, in);
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
        counters.inc(NEIGH_QUEUED);
        return true;
    }

    /** Out with the Ethernet header of port {@code out} to {@code mac}: as is, cut into TCP segments, or fragmented. */
    private void sendTo(byte[] b, int off, int len, int out, long mac, int in) {
        IpHeaders.putMac(b, off, mac);
        IpHeaders.putMac(b, off + 6, macs[out]);
        Port port = ports[out];
        if (len <= port.mtu + IpHeaders.ETH) {
            transmit(b, off, len, out);
            wc.inc(Worker.FORWARDED);
            return;
        }
        int type = IpHeaders.u16(b, off + 12);
        Family f = type == IpHeaders.ETH_IPV4 ? Family.IPV4 : Family.IPV6;
        s.reset(b, off, len);
        s.setL2(off);
        if (!ruleset.parse(f, s, off + IpHeaders.ETH)) {
            wc.inc(Worker.OVERSIZED);
            return;
        }
        sinkPort = out;
        int n = s.l4Proto() == 6 && !s.isFragment() ? segmenter.segment(s, port.mtu + IpHeaders.ETH, this) : 0;
        if (n > 0) {
            wc.inc(Worker.SEGMENTED);
            wc.add(Worker.SEGMENTS, n);
            wc.inc(Worker.FORWARDED);
            return;
        }
        boolean dontFragment = (b[off + IpHeaders.ETH + 6] & 0x40) != 0;
        if (f == Family.IPV4 && !dontFragment && fragmenter.fragment(s, port.mtu, this) > 0) {
            counters.inc(FRAGMENTED);
            wc.inc(Worker.FORWARDED);
            return;
        }
        wc.inc(Worker.OVERSIZED);
        if (in >= 0) {
            wc.inc(Worker.drops(in));
        }
    }

    @Override
    public void send(byte[] frame, int len) {
        transmit(frame, 0, len, sinkPort);
    }

    /** Every frame the router sends starts at index 0 of its buffer (ring slots, tx, ctl, the queue). */
    private void transmit(byte[] b, int off, int len, int out) {
        if (off != 0) {
            throw new IllegalStateException("frame at offset " + off);
        }
        if (ports[out].send(b, len)) {
            wc.inc(Worker.tx(out));
            wc.add(Worker.txBytes(out), len);
        } else {
            wc.inc(Worker.TX_ERRORS);
            wc.inc(Worker.txErrors(out));
        }
    }

    // ---------------------------------------------------------------- local delivery

    private void input(Family f, int in, long now, boolean multicast) {
        p.setHook(Hook.INPUT);
        p.setInIface(names[in]);
        p.setOutIface(null);
        if (ruleset.process(p) != Verdict.ACCEPT) {
            refused(p, in, now);
            return;
        }
        counters.inc(LOCAL_IN);
        wc.inc(Worker.LOCAL);
        if (p.isFragment() || p.l4Offset() < 0) {
            return; // no reassembly: the appliance answers unfragmented packets only
        }
        boolean v4 = f == Family.IPV4;
        byte[] b = p.buffer();
        int l3 = p.l3Offset();
        int l4 = p.l4Offset();
        int l4len = Checksums.l4Length(p, v4);
        if (l4len < 0 || l4 + l4len > p.end()) {
            return;
        }
        int proto = p.l4Proto();
        if (v4 && proto == 1 && l4len >= 8 && (b[l4] & 0xff) == 8 && !multicast) {
            if (routeFor(f, b, l3 + 12) && 20 + l4len <= tx.length - IpHeaders.ETH) {
                int n = EchoReplies.v4(tx, IpHeaders.ETH, b, l3, l4, l4len);
                counters.inc(ECHO_REPLIES);
                localOut(f, n, now);
            }
        } else if (!v4 && proto == 58 && l4len >= 8) {
            int type = b[l4] & 0xff;
            if (type == 128 && !multicast) {
                if (routeFor(f, b, l3 + 8) && 40 + l4len <= tx.length - IpHeaders.ETH) {
                    int n = EchoReplies.v6(tx, IpHeaders.ETH, b, l3, l4, l4len);
                    counters.inc(ECHO_REPLIES);
                    localOut(f, n, now);
                }
            } else if ((type == NdFrames.NS || type == NdFrames.NA) && (b[l3 + 7] & 0xff) == 255 && b[l4 + 1] == 0
                    && l4len >= 24) {
                neighbourDiscovery(type, b, l3, l4, l4 + l4len, in, now);
            }
        } else if (proto == 6 && !multicast && TcpResets.allowed(b, l4, l4 + l4len)) {
            // nothing listens on the appliance's addresses: a connection attempt gets a reset
            int payload = l4len - ((b[l4 + 12] >> 4) & 0x0f) * 4;
            if (routeFor(f, b, l3 + (v4 ? 12 : 8))) {
                int n = TcpResets.write(tx, IpHeaders.ETH, v4, b, l3, l4, Math.max(0, payload));
                localOut(f, n, now);
            }
        } else if (proto == 17 && !multicast) {
            error(p, v4 ? IcmpErrors.PORT_UNREACHABLE : IcmpErrors.V6_PORT_UNREACHABLE, 0, now);
        }
    }

    private void neighbourDiscovery(int type, byte[] b, int l3, int l4, int end, int in, long now) {
        counters.inc(ND_IN);
        if (type == NdFrames.NS) {
            if (rt.localAddress(Family.IPV6, b, l4 + 8) == null) {
                return;
            }
            boolean unspecified = IpHeaders.v6NoErrorTo(b, l3 + 8) && (b[l3 + 8] & 0xff) != 0xff;
            long sll = NdFrames.option(b, l4, end, 1);
            long to = sll >= 0 ? sll : IpHeaders.mac(b, 6);
            if (!unspecified && sll >= 0) {
                probe.set(in, b, l3 + 8, 16);
                if (neigh.confirm(probe, sll, now, true)) {
                    wakeAll.run();
                }
            }
            int n = NdFrames.advertise(ctl, macs[in], to, b, l3, l4);
            if (hooksOut(Family.IPV6, ctl, n, in)) {
                counters.inc(ND_ADVERTS);
                transmit(ctl, 0, n, in);
            }
        } else {
            long tll = NdFrames.option(b, l4, end, 2);
            probe.set(in, b, l4 + 8, 16);
            if (neigh.confirm(probe, tll >= 0 ? tll : IpHeaders.mac(b, 6), now, false)) {
                wakeAll.run();
            }
        }
    }

    private void arp(byte[] b, int len, int in, long now) {
        counters.inc(ARP_IN);
        wc.inc(Worker.ARP);
        if (!ArpFrames.valid(b, len)) {
            drop(Worker.MALFORMED, in);
            return;
        }
        p.reset(b, 0, len);
        p.setL2(0);
        if (ruleset.parse(Family.ARP, p, IpHeaders.ETH)) {
            p.setHook(Hook.INPUT);
            p.setInIface(names[in]);
            p.setOutIface(null);
            if (ruleset.process(p) != Verdict.ACCEPT) {
                drop(Worker.FILTERED, in);
                return;
            }
        }
        int op = ArpFrames.op(b);
        long sha = IpHeaders.mac(b, ArpFrames.SHA);
        boolean forUs = rt.localAddress(Family.IPV4, b, ArpFrames.TPA) != null;
        boolean senderKnown = IpHeaders.u32(b, ArpFrames.SPA) != 0 && sha != macs[in] && (sha >>> 40 & 1) == 0;
        if (senderKnown) {
            probe.set(in, b, ArpFrames.SPA, 4);
            if (neigh.confirm(probe, sha, now, forUs)) {
                wakeAll.run();
            }
        }
        if (op == 1 && forUs) {
            int n = ArpFrames.reply(ctl, b, macs[in]);
            if (hooksOut(Family.ARP, ctl, n, in)) {
                counters.inc(ARP_REPLIES);
                transmit(ctl, 0, n, in);
            }
        }
    }

    // ---------------------------------------------------------------- local output

    /**
     * Routes towards the address at {@code b[off]}: sets {@link #routedPort} and {@link #routedGw}.
     * False (and counted) when no unicast route leads there.
     */
    private boolean routeFor(Family f, byte[] b, int off) {
        Route r = rt.lookup(f, b, off);
        Hop hop = r != null && r.type() == RouteType.UNICAST ? hop(r, b, 0) : null;
        if (hop == null) {
            counters.inc(NO_ROUTE);
            return false;
        }
        routedPort = hop.port;
        routedGw = hop.gw;
        return true;
    }

    /**
     * The IP packet of {@code l3len} bytes the appliance built at {@code tx[14]}, already routed by
     * {@link #routeFor}: OUTPUT, POSTROUTING, then to its next hop.
     */
    private void localOut(Family f, int l3len, long now) {
        int out = routedPort;
        byte[] gw = routedGw;
        boolean v4 = f == Family.IPV4;
        IpHeaders.put16(tx, 12, v4 ? IpHeaders.ETH_IPV4 : IpHeaders.ETH_IPV6);
        int len = IpHeaders.ETH + l3len;
        if (!hooksOut(f, tx, len, out)) {
            return;
        }
        counters.inc(LOCAL_OUT);
        byte[] nh = gw != null ? gw : tx;
        int nhOff = gw != null ? 0 : IpHeaders.ETH + (v4 ? 16 : 24);
        deliver(f, out, nh, nhOff, tx, 0, len, true, -1, now);
    }

    /** OUTPUT and POSTROUTING (arp: OUTPUT) for a frame the appliance sends on {@code out}; true if accepted. */
    private boolean hooksOut(Family f, byte[] frame, int len, int out) {
        o.reset(frame, 0, len);
        o.setL2(0);
        if (!ruleset.parse(f, o, IpHeaders.ETH)) {
            return f == Family.ARP; // no arp handler loaded: ARP is not filtered
        }
        o.setHook(Hook.OUTPUT);
        o.setInIface(null);
        o.setOutIface(names[out]);
        if (ruleset.process(o) != Verdict.ACCEPT) {
            return false;
        }
        if (f == Family.ARP) {
            return true;
        }
        o.setHook(Hook.POSTROUTING);
        return ruleset.process(o) == Verdict.ACCEPT;
    }

    /** An ICMP error about the packet in {@code c}, if allowed and within the rate limit. */
    private void error(PacketContext c, int typeCode, int info, long now) {
        byte[] b = c.buffer();
        int l3 = c.l3Offset();
        boolean v4 = c.family() == Family.IPV4;
        int end = c.end();
        if (v4 ? !IcmpErrors.allowedV4(b, l3, end) : !IcmpErrors.allowedV6(b, l3, end, c.l4Offset(), c.l4Proto(),
                typeCode == IcmpErrors.V6_PACKET_TOO_BIG)) {
            return;
        }
        if (!limiter.allow(now)) {
            counters.inc(ICMP_LIMITED);
            return;
        }
        Family f = c.family();
        int srcOff = l3 + (v4 ? 12 : 8);
        if (!routeFor(f, b, srcOff)) {
            return;
        }
        byte[] src = source(v4, routedPort, b, srcOff);
        if (src == null) {
            return;
        }
        int n = v4 ? IcmpErrors.v4(tx, IpHeaders.ETH, b, l3, end, typeCode, info, src, 0)
                : IcmpErrors.v6(tx, IpHeaders.ETH, b, l3, end, typeCode, info, src, 0);
        counters.inc(ICMP_ERRORS);
        localOut(f, n, now);
    }

    /** A verdict other than ACCEPT: dropped, and REJECT's answer sent. */
    private void refused(PacketContext c, int in, long now) {
        drop(Worker.FILTERED, in);
        int code = c.rejectWith();
        if (code == PacketContext.REJECT_NONE) {
            return;
        }
        counters.inc(REJECTS);
        int kind = RejectCodes.kind(code);
        boolean v4 = c.family() == Family.IPV4;
        if (kind == RejectCodes.KIND_TCP_RESET) {
            byte[] b = c.buffer();
            int l3 = c.l3Offset();
            int l4 = c.l4Offset();
            if (c.l4Proto() != 6 || c.isFragment() || !TcpResets.allowed(b, l4, c.end())) {
                return;
            }
            int l4len = Checksums.l4Length(c, v4);
            int payload = l4len - ((b[l4 + 12] >> 4) & 0x0f) * 4;
            if (routeFor(c.family(), b, l3 + (v4 ? 12 : 8))) {
                int n = TcpResets.write(tx, IpHeaders.ETH, v4, b, l3, l4, Math.max(0, payload));
                localOut(c.family(), n, now);
            }
        } else if ((kind == RejectCodes.KIND_ICMP && v4) || (kind == RejectCodes.KIND_ICMP6 && !v4)) {
            error(c, RejectCodes.icmpType(code) << 8 | RejectCodes.icmpCode(code), 0, now);
        }
    }

    private void solicit(NeighbourTable.Entry e) {
        NeighbourTable.Key k = e.key;
        int out = k.port;
        boolean v4 = k.len == 4;
        byte[] src = source(v4, out, k.a, 0);
        if (src == null) {
            return;
        }
        counters.inc(NEIGH_PROBES);
        int n = v4 ? ArpFrames.request(ctl, macs[out], src, 0, k.a, 0)
                : NdFrames.solicit(ctl, macs[out], src, 0, k.a, 0);
        if (hooksOut(v4 ? Family.ARP : Family.IPV6, ctl, n, out)) {
            transmit(ctl, 0, n, out);
        }
    }

    // ---------------------------------------------------------------- timers

    @Override
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
                sendTo(pendBuf[i], 0, pendLen[i], e.key.port, e.mac, -1);
            } else if (state == NeighbourTable.FAILED || now - pendAt[i] > PENDING_MAX_NS) {
                free(i);
                counters.inc(NEIGH_FAILED);
                if (!pendLocal[i]) {
                    byte[] b = pendBuf[i];
                    Family f = IpHeaders.u16(b, 12) == IpHeaders.ETH_IPV4 ? Family.IPV4 : Family.IPV6;
                    q.reset(b, 0, pendLen[i]);
                    q.setL2(0);
                    if (ruleset.parse(f, q, IpHeaders.ETH)) {
                        error(q, f == Family.IPV4 ? IcmpErrors.HOST_UNREACHABLE : IcmpErrors.V6_ADDR_UNREACHABLE, 0,
                                now);
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

    int pending() {
        return pending;
    }

    // ---------------------------------------------------------------- caches

    private void refresh() {
        long g = rt.generation();
        if (g == generation) {
            return;
        }
        generation = g;
        hops.clear();
        List<InterfaceAddress> all = rt.addresses();
        v4Addrs = new byte[ports.length][][];
        v4Prefix = new int[ports.length][];
        v6Addrs = new byte[ports.length][][];
        v6Prefix = new int[ports.length][];
        for (int i = 0; i < ports.length; i++) {
            v4Addrs[i] = addrs(all, names[i], 4);
            v4Prefix[i] = prefixes(all, names[i], 4);
            v6Addrs[i] = addrs(all, names[i], 16);
            v6Prefix[i] = prefixes(all, names[i], 16);
        }
    }

    private static byte[][] addrs(List<InterfaceAddress> all, String port, int len) {
        return all.stream().filter(a -> a.iface().equals(port) && a.address().getAddress().length == len)
                .map(a -> a.address().getAddress()).toArray(byte[][]::new);
    }

    private static int[] prefixes(List<InterfaceAddress> all, String port, int len) {
        return all.stream().filter(a -> a.iface().equals(port) && a.address().getAddress().length == len)
                .mapToInt(InterfaceAddress::prefixLength).toArray();
    }

    private Hop hop(Route r, byte[] b, int len) {
        List<NextHop> nhs = r.nextHops();
        int n = nhs.size();
        if (n == 0) {
            return null;
        }
        NextHop nh = n == 1 || len <= 0 ? nhs.get(0) : nhs.get((FlowHash.hash(b, len) & 0x7fffffff) % n);
        refresh();
        Hop h = hops.get(nh);
        if (h == null) {
            int port = -1;
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(nh.iface())) {
                    port = i;
                }
            }
            if (port < 0) {
                return null; // a route out of a port this router does not run
            }
            h = new Hop(port, nh.gateway() == null ? null : nh.gateway().getAddress());
            hops.put(nh, h);
        }
        return h;
    }

    /**
     * The appliance's address to send from on {@code port} to {@code dst}: one whose prefix covers it,
     * else the port's first, else any of the family; null when the appliance has none.
     */
    byte[] source(boolean v4, int port, byte[] dst, int dstOff) {
        refresh();
        byte[][] a = v4 ? v4Addrs[port] : v6Addrs[port];
        int[] pl = v4 ? v4Prefix[port] : v6Prefix[port];
        for (int i = 0; i < a.length; i++) {
            if (covers(a[i], pl[i], dst, dstOff)) {
                return a[i];
            }
        }
        if (a.length > 0) {
            return a[0];
        }
        byte[][][] all = v4 ? v4Addrs : v6Addrs;
        for (byte[][] x : all) {
            if (x.length > 0) {
                return x[0];
            }
        }
        return null;
    }

    private static boolean covers(byte[] net, int prefix, byte[] b, int off) {
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (net[i] != b[off + i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return ((net[full] ^ b[off + full]) & mask) == 0;
    }

    private void drop(int why, int in) {
        wc.inc(why);
        wc.inc(Worker.drops(in));
    }

    Worker worker() {
        return worker;
    }
}
