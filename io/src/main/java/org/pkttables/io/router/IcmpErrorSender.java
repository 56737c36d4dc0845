package org.pkttables.io.router;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.RejectCodes;
import org.pkttables.api.ext.Checksums;
import org.pkttables.io.frames.IcmpErrors;
import org.pkttables.io.frames.IpHeaders;
import org.pkttables.io.frames.TcpResets;
import org.pkttables.io.ports.Counters;
import org.pkttables.io.workers.Worker;

/**
 * The ICMP errors and REJECT answers of one router worker: no route, time exceeded, fragmentation
 * needed / packet too big, host and port unreachable, and what a REJECT rule asked for (an ICMP error
 * or a TCP reset). Errors are checked against the kernel's rules (never about an error, a fragment
 * tail, a broadcast, ...) and rate-limited per worker; they leave as the appliance's own packets.
 */
final class IcmpErrorSender {
    private final RouterStage stage;
    private final Counters counters;
    private final RouteCache routes;
    private final IcmpLimiter limiter = IcmpLimiter.kernelDefaults();

    IcmpErrorSender(RouterStage stage, Counters counters, RouteCache routes) {
        this.stage = stage;
        this.counters = counters;
        this.routes = routes;
    }

    /** An ICMP error about the packet in {@code c}, if allowed and within the rate limit. */
    public void error(PacketContext c, int typeCode, int info, long now) {
        byte[] b = c.buffer();
        int l3 = c.l3Offset();
        boolean v4 = c.family() == Family.IPV4;
        int end = c.end();
        if (v4 ? !IcmpErrors.allowedV4(b, l3, end) : !IcmpErrors.allowedV6(b, l3, end, c.l4Offset(), c.l4Proto(),
                typeCode == IcmpErrors.V6_PACKET_TOO_BIG)) {
            return;
        }
        if (!limiter.allow(now)) {
            counters.inc(RouterStage.ICMP_LIMITED);
            return;
        }
        Family f = c.family();
        int srcOff = l3 + (v4 ? 12 : 8);
        if (!stage.routeFor(f, b, srcOff)) {
            return;
        }
        byte[] src = routes.source(v4, stage.routedPort(), b, srcOff);
        if (src == null) {
            return;
        }
        byte[] tx = stage.tx;
        int n = v4 ? IcmpErrors.v4(tx, IpHeaders.ETH, b, l3, end, typeCode, info, src, 0)
                : IcmpErrors.v6(tx, IpHeaders.ETH, b, l3, end, typeCode, info, src, 0);
        counters.inc(RouterStage.ICMP_ERRORS);
        stage.localOut(f, n, now);
    }

    /** A verdict other than ACCEPT: dropped, and REJECT's answer sent. */
    void refused(PacketContext c, int in, long now) {
        stage.drop(Worker.FILTERED, in);
        int code = c.rejectWith();
        if (code == PacketContext.REJECT_NONE) {
            return;
        }
        counters.inc(RouterStage.REJECTS);
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
            if (stage.routeFor(c.family(), b, l3 + (v4 ? 12 : 8))) {
                int n = TcpResets.write(stage.tx, IpHeaders.ETH, v4, b, l3, l4, Math.max(0, payload));
                stage.localOut(c.family(), n, now);
            }
        } else if ((kind == RejectCodes.KIND_ICMP && v4) || (kind == RejectCodes.KIND_ICMP6 && !v4)) {
            error(c, RejectCodes.icmpType(code) << 8 | RejectCodes.icmpCode(code), 0, now);
        }
    }
}
