package org.pkttables.io.router;


import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Ruleset;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Checksums;
import org.pkttables.route.Route;
import org.pkttables.route.RouteType;
import org.pkttables.route.RoutingTable;
import org.pkttables.io.frames.TcpSegmenter;
import org.pkttables.io.frames.VnetHeader;
import org.pkttables.io.workers.Worker;
import org.pkttables.io.frames.Fragmenter;
import org.pkttables.io.frames.Fragmenter6;
import org.pkttables.io.frames.IcmpErrors;
import org.pkttables.io.frames.IpHeaders;
import org.pkttables.io.ports.Counters;
import org.pkttables.io.ports.Port;

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
 *
 * <p>This class receives, routes and forwards, and sends; its concerns have their own rooms:
 * {@link LocalDelivery} (INPUT and the appliance's answers), {@link IcmpErrorSender} (ICMP errors and
 * REJECT answers), {@link NeighbourResolution} (next-hop MACs and the pending queue) and
 * {@link RouteCache} (route to port/gateway and the address cache).
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
    static final int STOLEN = 19;
    public static final int COUNTERS = 20;

    public final Counters counters = new Counters(COUNTERS);
    private final Worker worker;
    private final Counters wc;
    private final Ruleset ruleset;
    private final RoutingTable rt;
    private final Port[] ports;
    private final String[] names;
    private final long[] macs;
    private final RouteCache routes;
    private final IcmpErrorSender errors;
    private final NeighbourResolution neighbours;
    private final LocalDelivery local;
    private final Fragmenter fragmenter;
    private final Fragmenter6 fragmenter6;

    /** The packet being handled; local packets; pieces being cut. */
    private final PacketContext p;
    private final PacketContext o;
    private final PacketContext s;
    /** Packets the appliance makes (echo replies, errors, resets). */
    public final byte[] tx;
    private final TcpSegmenter segmenter;
    /** The virtio_net_hdr of the super-frame being sent whole. */
    private final byte[] vnet = new byte[VnetHeader.LENGTH];

    // result of routeFor()
    private int routedPort;
    private byte[] routedGw;

    private int sinkPort;
    /** The largest fragment of the reassembled datagram being sent (0: not reassembled). */
    private int fragMax;

    RouterStage(Worker worker, Ruleset ruleset, RoutingTable rt, Port[] ports, long[] macs, NeighbourTable neigh,
            Runnable wakeAll) {
        this.worker = worker;
        this.wc = worker.counters;
        this.ruleset = ruleset;
        this.rt = rt;
        this.ports = ports;
        this.macs = macs.clone();
        this.names = new String[ports.length];
        int maxFrame = 0;
        for (int i = 0; i < ports.length; i++) {
            names[i] = ports[i].name.intern();
            maxFrame = Math.max(maxFrame, ports[i].maxFrame());
        }
        this.p = new PacketContext(worker.index);
        this.o = new PacketContext(worker.index);
        this.s = new PacketContext(worker.index);
        this.tx = new byte[Math.max(maxFrame, IcmpErrors.V6_MAX + IpHeaders.ETH)];
        this.segmenter = new TcpSegmenter(maxFrame);
        this.fragmenter = new Fragmenter(maxFrame);
        this.fragmenter6 = new Fragmenter6(maxFrame);
        this.routes = new RouteCache(rt, names);
        this.errors = new IcmpErrorSender(this, counters, routes);
        this.neighbours = new NeighbourResolution(this, errors, counters, ruleset, neigh, routes, this.macs,
                worker.index == 0, worker.index);
        this.local = new LocalDelivery(this, errors, counters, wc, ruleset, rt, neigh, names, this.macs, wakeAll);
    }

    // ---------------------------------------------------------------- receive

    @Override
    public void frame(byte[] b, int len, int in, long now) {
        wc.inc(Worker.FRAMES);
        if (len < IpHeaders.ETH) {
            drop(Worker.MALFORMED, in);
            return;
        }
        routes.refresh();
        boolean group = (b[0] & 1) != 0;
        if (!group && IpHeaders.mac(b, 0) != macs[in]) {
            // Another host's unicast seen in promiscuous mode (PACKET_OTHERHOST): not ours.
            counters.inc(NOT_FOR_US);
            return;
        }
        int type = IpHeaders.u16(b, 12);
        if (type == IpHeaders.ETH_ARP) {
            local.arp(p, b, len, in, now);
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
        int v = ruleset.process(p);
        if (v != Verdict.ACCEPT) {
            if (v == Verdict.STOLEN) {
                counters.inc(STOLEN); // a fragment held for reassembly (nf_defrag), or taken by a hook function
                return;
            }
            errors.refused(p, in, now);
            return;
        }
        // Defragmentation may have handed on the whole datagram in a buffer of its own.
        b = p.buffer();
        l3 = p.l3Offset();
        int dstOff = l3 + (v4 ? 16 : 24);
        boolean multicast = v4 ? (b[dstOff] & 0xf0) == 0xe0 || allOnes(b, dstOff) : (b[dstOff] & 0xff) == 0xff;
        Route route = multicast ? null : rt.lookup(f, b, dstOff);
        if (multicast || (route != null && route.type() == RouteType.LOCAL)) {
            local.input(p, f, in, now, multicast);
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
        RouteCache.Hop hop = route != null && route.type() == RouteType.UNICAST ? routes.hop(route, b, p.length())
                : null;
        if (hop == null) {
            counters.inc(NO_ROUTE);
            drop(Worker.FILTERED, in);
            RouteType t = route == null ? null : route.type();
            if (t != RouteType.BLACKHOLE) {
                int tc = t == RouteType.PROHIBIT ? (v4 ? IcmpErrors.ADMIN_PROHIBITED : IcmpErrors.V6_ADMIN_PROHIBITED)
                        : t == RouteType.UNREACHABLE ? (v4 ? IcmpErrors.HOST_UNREACHABLE : IcmpErrors.V6_NO_ROUTE)
                        : (v4 ? IcmpErrors.NET_UNREACHABLE : IcmpErrors.V6_NO_ROUTE);
                errors.error(p, tc, 0, now);
            }
            return;
        }
        int out = hop.port;
        int ttl = b[l3 + (v4 ? 8 : 7)] & 0xff;
        if (ttl <= 1) {
            counters.inc(TTL_EXCEEDED);
            drop(Worker.FILTERED, in);
            errors.error(p, v4 ? IcmpErrors.TIME_EXCEEDED : IcmpErrors.V6_TIME_EXCEEDED, 0, now);
            return;
        }
        int ipLen = v4 ? p.u16(l3 + 2) : 40 + p.u16(l3 + 4);
        int mtu = ports[out].mtu;
        if (ipLen > mtu) {
            // Larger than the input port's MTU: a super-frame of local TSO/GSO or GRO, cut on the way out.
            boolean superFrame = ipLen > ports[in].mtu && p.l4Proto() == 6 && !p.isFragment();
            // A reassembled datagram (ip_exceeds_mtu, ip6_pkt_too_big): too big only when one of its
            // fragments was, and for IPv4 only with DF; it is fragmented again on the way out.
            int fragMax = p.fragMaxSize();
            boolean reassembled = fragMax > 0 && fragMax <= mtu;
            if (!superFrame && !reassembled && (!v4 || (b[l3 + 6] & 0x40) != 0)) {
                counters.inc(TOO_BIG);
                drop(Worker.FILTERED, in);
                errors.error(p, v4 ? IcmpErrors.FRAG_NEEDED : IcmpErrors.V6_PACKET_TOO_BIG, mtu, now);
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
            errors.refused(p, in, now);
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
        fragMax = p.fragMaxSize();
        try {
            neighbours.deliver(f, out, nh, nhOff, b, p.start(), p.length(), false, in, now);
        } finally {
            fragMax = 0;
        }
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

    /** Out with the Ethernet header of port {@code out} to {@code mac}: as is, cut into TCP segments, or fragmented. */
    void sendTo(byte[] b, int off, int len, int out, long mac, int in) {
        IpHeaders.putMac(b, off, mac);
        IpHeaders.putMac(b, off + 6, macs[out]);
        Port port = ports[out];
        // A reassembled datagram leaves in fragments no larger than its largest one (ip_do_fragment's
        // frag_max_size), even where the port's MTU would take more.
        int limit = fragMax > 0 ? Math.min(port.mtu, fragMax) : port.mtu;
        if (len <= limit + IpHeaders.ETH) {
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
        if (fragMax > 0) {
            sinkPort = out;
            int n = f == Family.IPV4 ? fragmenter.fragment(s, limit, this) : fragmenter6.fragment(s, limit, this);
            if (n > 0) {
                counters.inc(FRAGMENTED);
                wc.inc(Worker.FORWARDED);
            } else {
                wc.inc(Worker.OVERSIZED);
                if (in >= 0) {
                    wc.inc(Worker.drops(in));
                }
            }
            return;
        }
        if (port.gso() && VnetHeader.prepare(s, VnetHeader.mss(s, port.mtu), vnet)) {
            // A TCP super-frame whole to the kernel's GSO, which cuts it to this port's MTU.
            if (port.sendGso(vnet, b, off, len)) {
                wc.inc(Worker.tx(out));
                wc.add(Worker.txBytes(out), len);
                wc.inc(Worker.GSO);
            } else {
                wc.inc(Worker.TX_ERRORS);
                wc.inc(Worker.txErrors(out));
            }
            wc.inc(Worker.FORWARDED);
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
    public void transmit(byte[] b, int off, int len, int out) {
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

    // ---------------------------------------------------------------- local output

    /**
     * Routes towards the address at {@code b[off]}: sets {@link #routedPort} and {@link #routedGw}.
     * False (and counted) when no unicast route leads there.
     */
    boolean routeFor(Family f, byte[] b, int off) {
        Route r = rt.lookup(f, b, off);
        RouteCache.Hop hop = r != null && r.type() == RouteType.UNICAST ? routes.hop(r, b, 0) : null;
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
    void localOut(Family f, int l3len, long now) {
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
        neighbours.deliver(f, out, nh, nhOff, tx, 0, len, true, -1, now);
    }

    /** OUTPUT and POSTROUTING (arp: OUTPUT) for a frame the appliance sends on {@code out}; true if accepted. */
    boolean hooksOut(Family f, byte[] frame, int len, int out) {
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

    // ---------------------------------------------------------------- timers

    @Override
    public void tick(long now) {
        neighbours.tick(now);
    }

    /** Packets waiting for a neighbour. */
    int pending() {
        return neighbours.pending();
    }

    /** The port {@link #routeFor} chose. */
    int routedPort() {
        return routedPort;
    }

    public void drop(int why, int in) {
        wc.inc(why);
        wc.inc(Worker.drops(in));
    }

    public Worker worker() {
        return worker;
    }
}
