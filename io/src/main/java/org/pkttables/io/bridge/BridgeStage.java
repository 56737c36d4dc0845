package org.pkttables.io.bridge;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Ruleset;
import org.pkttables.api.ext.Checksums;
import org.pkttables.io.frames.Fragmenter;
import org.pkttables.io.frames.Fragmenter6;
import org.pkttables.io.frames.TcpSegmenter;
import org.pkttables.io.frames.VnetHeader;
import org.pkttables.io.ports.Counters;
import org.pkttables.io.ports.Port;
import org.pkttables.io.workers.Worker;

/**
 * What a worker does with its frames in bridge mode: learns source addresses, runs every frame through
 * the bridge family's PREROUTING (and IPv4/IPv6 ones through theirs), decides where it goes, then runs
 * FORWARD and POSTROUTING for each output port in br_netfilter's order ({@link BridgeFamilyStage}:
 * ebtables for every frame, iptables/ip6tables for IP, arptables FORWARD for ARP), completes partial
 * checksums, segments TCP super-frames and sends through the worker's batched send queues. Everything
 * it uses per packet (context, scratch buffer) is its own and allocated once; the counters are the
 * worker's.
 */
public final class BridgeStage implements Worker.Stage, TcpSegmenter.Sink {
    private static final int ETH_IPV4 = 0x0800;
    private static final int ETH_IPV6 = 0x86dd;
    private static final int ETH_ARP = 0x0806;

    private final Worker worker;
    private final Counters counters;
    private final Port[] ports;
    private final Fdb fdb;
    private final PacketContext p;
    private final TcpSegmenter segmenter;
    private final Fragmenter fragmenter;
    private final Fragmenter6 fragmenter6;
    private final BridgeFamilyStage l2;
    /** The virtio_net_hdr of the super-frame being sent whole. */
    private final byte[] vnet = new byte[VnetHeader.LENGTH];

    // the frame being sent by the segmenter (Sink)
    private int sinkPort;

    /**
     * @param calls br_netfilter's call-iptables/ip6tables/arptables switches (shared by the bridge's workers)
     */
    public BridgeStage(Worker worker, Ruleset ruleset, Port[] ports, Fdb fdb, BridgeFamilyStage.Calls calls) {
        this.worker = worker;
        this.counters = worker.counters;
        this.ports = ports;
        this.fdb = fdb;
        String[] names = new String[ports.length];
        int maxFrame = 0;
        for (int i = 0; i < ports.length; i++) {
            names[i] = ports[i].name;
            maxFrame = Math.max(maxFrame, ports[i].maxFrame());
        }
        this.p = new PacketContext(worker.index);
        this.segmenter = new TcpSegmenter(maxFrame);
        this.fragmenter = new Fragmenter(maxFrame);
        this.fragmenter6 = new Fragmenter6(maxFrame);
        this.l2 = new BridgeFamilyStage(ruleset, p, names);
        l2.calls(calls);
    }

    @Override
    public void frame(byte[] b, int len, int in, long now) {
        counters.inc(Worker.FRAMES);
        if (len < 14) {
            worker.drop(Worker.MALFORMED, in);
            return;
        }
        if ((b[6] & 1) == 0) {
            fdb.learn(Fdb.mac(b, 6), in, now);
        }
        int type = ((b[12] & 0xff) << 8) | (b[13] & 0xff);
        if (type != ETH_IPV4 && type != ETH_IPV6) {
            counters.inc(type == ETH_ARP ? Worker.ARP : Worker.OTHER);
        }
        // The bridge family's PREROUTING comes before the lookup: ebtables dnat may change the destination.
        int pre = l2.prerouting(b, len, in);
        if (pre != 0) {
            if (pre != BridgeFamilyStage.STOLEN) {
                worker.drop(pre == BridgeFamilyStage.MALFORMED ? Worker.MALFORMED : Worker.FILTERED, in);
            }
            return;
        }
        // A fragment that completed its datagram goes on as the whole datagram, in defrag's buffer.
        b = p.buffer();
        len = p.length();
        int out = (b[0] & 1) != 0 ? -1 : fdb.lookup(Fdb.mac(b, 0), now);
        if (out == in) {
            // The destination lives on the port the frame came from: not ours to forward.
            counters.inc(Worker.LOCAL);
            return;
        }
        int mark = p.mark();
        if (out >= 0) {
            forward(in, out, mark);
            return;
        }
        counters.inc(Worker.FLOODED);
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
            worker.drop(Worker.FILTERED, in);
            return;
        }
        int len = p.length();
        Port port = ports[out];
        if (l2.l3() != Family.IPV4 && l2.l3() != Family.IPV6) {
            transmitRaw(p.buffer(), len, in, out);
            return;
        }
        int fragMax = p.fragMaxSize();
        if (fragMax > 0 && len > Math.min(port.mtu, fragMax) + 14) {
            // br_nf_dev_queue_xmit: a datagram reassembled before conntrack leaves in fragments no larger
            // than its largest one, nor than the port's MTU.
            sinkPort = out;
            int mtu = Math.min(port.mtu, fragMax);
            int n = l2.l3() == Family.IPV4 ? fragmenter.fragment(p, mtu, this) : fragmenter6.fragment(p, mtu, this);
            if (n == 0) {
                worker.drop(Worker.OVERSIZED, in);
            } else {
                counters.inc(Worker.FORWARDED);
            }
            return;
        }
        if (len > port.mtu + 14) {
            // A super-frame (GRO, or a local peer's TSO/GSO), its rules run once: whole to the kernel's
            // GSO where the port can, else cut here.
            if (port.gso() && VnetHeader.prepare(p, VnetHeader.mss(p, port.mtu), vnet)
                    && worker.transmitGso(vnet, p.buffer(), p.start(), len, out)) {
                counters.inc(Worker.FORWARDED);
                return;
            }
            sinkPort = out;
            int n = segmenter.segment(p, port.mtu + 14, this);
            if (n == 0) {
                worker.drop(Worker.OVERSIZED, in);
            } else {
                counters.inc(Worker.SEGMENTED);
                counters.add(Worker.SEGMENTS, n);
                counters.inc(Worker.FORWARDED);
            }
            return;
        }
        if (Checksums.completePartial(p)) {
            counters.inc(Worker.CSUM_FIXED);
        }
        worker.transmit(p.buffer(), len, out);
        counters.inc(Worker.FORWARDED);
    }

    private void transmitRaw(byte[] b, int len, int in, int out) {
        if (len > ports[out].maxFrame()) {
            worker.drop(Worker.OVERSIZED, in);
            return;
        }
        worker.transmit(b, len, out);
        counters.inc(Worker.FORWARDED);
    }

    @Override
    public void send(byte[] frame, int len) {
        worker.transmit(frame, len, sinkPort);
    }

    @Override
    public void tick(long now) {
        // no timers: the forwarding database ages on lookup
    }
}
