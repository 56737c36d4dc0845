package org.pkttables.io.router;

import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Ruleset;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Checksums;
import org.pkttables.route.RoutingTable;
import org.pkttables.io.ports.Counters;
import org.pkttables.io.workers.Worker;
import org.pkttables.io.frames.IcmpErrors;
import org.pkttables.io.frames.IpHeaders;
import org.pkttables.io.frames.TcpResets;

/**
 * Packets for the appliance itself in router mode: INPUT, then its own answers, as the kernel gives
 * them with nothing listening: echo replies, TCP resets, port unreachables, neighbour advertisements,
 * and ARP (filtered by arptables INPUT, answered for the appliance's addresses, senders learnt).
 */
final class LocalDelivery {
    private final RouterStage stage;
    private final IcmpErrorSender errors;
    private final Counters counters;
    private final Counters wc;
    private final Ruleset ruleset;
    private final RoutingTable rt;
    private final NeighbourTable neigh;
    private final String[] names;
    private final long[] macs;
    private final Runnable wakeAll;
    /** ARP replies and neighbour advertisements. */
    private final byte[] ctl = new byte[128];
    private final NeighbourTable.Key probe = new NeighbourTable.Key();

    LocalDelivery(RouterStage stage, IcmpErrorSender errors, Counters counters, Counters wc, Ruleset ruleset,
            RoutingTable rt, NeighbourTable neigh, String[] names, long[] macs, Runnable wakeAll) {
        this.stage = stage;
        this.errors = errors;
        this.counters = counters;
        this.wc = wc;
        this.ruleset = ruleset;
        this.rt = rt;
        this.neigh = neigh;
        this.names = names;
        this.macs = macs;
        this.wakeAll = wakeAll;
    }

    /** The IP packet in {@code p} (after PREROUTING) is for the appliance or a multicast group. */
    public void input(PacketContext p, Family f, int in, long now, boolean multicast) {
        p.setHook(Hook.INPUT);
        p.setInIface(names[in]);
        p.setOutIface(null);
        if (ruleset.process(p) != Verdict.ACCEPT) {
            errors.refused(p, in, now);
            return;
        }
        counters.inc(RouterStage.LOCAL_IN);
        wc.inc(Worker.LOCAL);
        if (p.isFragment() || p.l4Offset() < 0) {
            return; // no reassembly: the appliance answers unfragmented packets only
        }
        boolean v4 = f == Family.IPV4;
        byte[] b = p.buffer();
        byte[] tx = stage.tx;
        int l3 = p.l3Offset();
        int l4 = p.l4Offset();
        int l4len = Checksums.l4Length(p, v4);
        if (l4len < 0 || l4 + l4len > p.end()) {
            return;
        }
        int proto = p.l4Proto();
        if (v4 && proto == 1 && l4len >= 8 && (b[l4] & 0xff) == 8 && !multicast) {
            if (stage.routeFor(f, b, l3 + 12) && 20 + l4len <= tx.length - IpHeaders.ETH) {
                int n = EchoReplies.v4(tx, IpHeaders.ETH, b, l3, l4, l4len);
                counters.inc(RouterStage.ECHO_REPLIES);
                stage.localOut(f, n, now);
            }
        } else if (!v4 && proto == 58 && l4len >= 8) {
            int type = b[l4] & 0xff;
            if (type == 128 && !multicast) {
                if (stage.routeFor(f, b, l3 + 8) && 40 + l4len <= tx.length - IpHeaders.ETH) {
                    int n = EchoReplies.v6(tx, IpHeaders.ETH, b, l3, l4, l4len);
                    counters.inc(RouterStage.ECHO_REPLIES);
                    stage.localOut(f, n, now);
                }
            } else if ((type == NdFrames.NS || type == NdFrames.NA) && (b[l3 + 7] & 0xff) == 255 && b[l4 + 1] == 0
                    && l4len >= 24) {
                neighbourDiscovery(type, b, l3, l4, l4 + l4len, in, now);
            }
        } else if (proto == 6 && !multicast && TcpResets.allowed(b, l4, l4 + l4len)) {
            // nothing listens on the appliance's addresses: a connection attempt gets a reset
            int payload = l4len - ((b[l4 + 12] >> 4) & 0x0f) * 4;
            if (stage.routeFor(f, b, l3 + (v4 ? 12 : 8))) {
                int n = TcpResets.write(tx, IpHeaders.ETH, v4, b, l3, l4, Math.max(0, payload));
                stage.localOut(f, n, now);
            }
        } else if (proto == 17 && !multicast) {
            errors.error(p, v4 ? IcmpErrors.PORT_UNREACHABLE : IcmpErrors.V6_PORT_UNREACHABLE, 0, now);
        }
    }

    private void neighbourDiscovery(int type, byte[] b, int l3, int l4, int end, int in, long now) {
        counters.inc(RouterStage.ND_IN);
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
            if (stage.hooksOut(Family.IPV6, ctl, n, in)) {
                counters.inc(RouterStage.ND_ADVERTS);
                stage.transmit(ctl, 0, n, in);
            }
        } else {
            long tll = NdFrames.option(b, l4, end, 2);
            probe.set(in, b, l4 + 8, 16);
            if (neigh.confirm(probe, tll >= 0 ? tll : IpHeaders.mac(b, 6), now, false)) {
                wakeAll.run();
            }
        }
    }

    /** An ARP frame {@code b[0, len)} received on port {@code in}, parsed into {@code p}. */
    public void arp(PacketContext p, byte[] b, int len, int in, long now) {
        counters.inc(RouterStage.ARP_IN);
        wc.inc(Worker.ARP);
        if (!ArpFrames.valid(b, len)) {
            stage.drop(Worker.MALFORMED, in);
            return;
        }
        p.reset(b, 0, len);
        p.setL2(0);
        if (ruleset.parse(Family.ARP, p, IpHeaders.ETH)) {
            p.setHook(Hook.INPUT);
            p.setInIface(names[in]);
            p.setOutIface(null);
            if (ruleset.process(p) != Verdict.ACCEPT) {
                stage.drop(Worker.FILTERED, in);
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
            if (stage.hooksOut(Family.ARP, ctl, n, in)) {
                counters.inc(RouterStage.ARP_REPLIES);
                stage.transmit(ctl, 0, n, in);
            }
        }
    }
}
