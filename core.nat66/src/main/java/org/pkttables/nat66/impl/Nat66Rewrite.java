package org.pkttables.nat66.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Checksums;
import org.pkttables.nat.NatCore;
import org.pkttables.nat.NatRewrite;
import org.pkttables.nat.SctpChecksum;

/**
 * Rewrites an IPv6 packet's source or destination address and port in place (NAT66), with the TCP, UDP,
 * DCCP and ICMPv6 checksums updated word by word over the pseudo-header (RFC 1624), SCTP's CRC32c computed
 * again after a port change. Allocation-free; every write is
 * bounded by the frame. core.nat's {@link NatRewrite} is the IPv4 side.
 */
final class Nat66Rewrite {
    private Nat66Rewrite() {
    }

    /**
     * {@link NatRewrite#manip} for IPv6 (NAT66): sets the 16-byte source ({@code src} true) or destination
     * address {@code hi:lo} of the packet whose fixed header starts at {@code l3} (no IP header checksum) and the
     * port (TCP/UDP/UDP-Lite/SCTP/DCCP) or ICMPv6 echo id of its L4 header at {@code l4} (-1: none). The
     * TCP, UDP and ICMPv6 checksums cover the addresses through the pseudo-header and are updated word by
     * word (RFC 1624, {@link Checksums#update}); a UDP checksum of 0 is kept, a checksum left to offload is
     * updated as the pseudo-header sum it holds.
     */
    static void manip6(PacketContext p, int l3, int l4, int proto, boolean src, long hi, long lo, int port,
            int mode) {
        int aOff = l3 + (src ? 8 : 24);
        if (!p.has(aOff, 16)) {
            return;
        }
        boolean tail = l4 >= 0 && !(p.isFragment() && p.fragOffset() != 0);
        int csum = -1;
        if (tail && mode != NatRewrite.HEADER_ONLY) {
            csum = proto == 6 ? l4 + 16 : proto == 17 || proto == 136 || proto == 33 ? l4 + 6 : proto == 58 ? l4 + 2 : -1;
            if (csum >= 0 && !p.has(csum, 2)) {
                csum = -1;
            }
        }
        boolean partial = mode == NatRewrite.PACKET && (proto == 6 || proto == 17) && csum >= 0 && !p.isFragment()
                && p.u16(csum) == NatRewrite.fold(pseudo6(p, l3, proto, p.u16(l3 + 4) - (l4 - l3 - 40)));
        boolean udpZero = proto == 17 && csum >= 0 && p.u16(csum) == 0;
        int c = csum >= 0 ? p.u16(csum) : 0;
        if (partial) {
            c = ~c & 0xffff; // the pseudo-header sum itself: updated as a checksum of its complement
        }
        for (int w = 0; w < 8; w++) {
            int old = p.u16(aOff + 2 * w);
            int neu = (int) ((w < 4 ? hi >>> (48 - 16 * w) : lo >>> (48 - 16 * (w - 4))) & 0xffff);
            if (old != neu) {
                p.put16(aOff + 2 * w, neu);
                c = Checksums.update(c, old, neu);
            }
        }
        if (tail) {
            int pOff = -1;
            if (NatCore.hasPorts(proto)) {
                pOff = l4 + (src ? 0 : 2);
            } else if (proto == 58 && p.has(l4, 8) && (p.u8(l4) == 128 || p.u8(l4) == 129)) {
                pOff = l4 + 4; // the echo id, both ways
            }
            int oldPort = pOff >= 0 ? p.u16(pOff) : -1;
            if (oldPort >= 0 && oldPort != port) {
                p.put16(pOff, port);
                if (!partial) {
                    c = Checksums.update(c, oldPort, port);
                }
                if (proto == 132 && mode != NatRewrite.HEADER_ONLY) {
                    // SCTP: no pseudo-header, its CRC32c computed again after the port change (sctp_manip_pkt)
                    SctpChecksum.write(p, l4, mode == NatRewrite.PACKET
                            ? Math.min(l3 + 40 + p.u16(l3 + 4), p.end()) : p.end());
                }
            }
        }
        if (csum < 0 || udpZero) {
            return; // no checksum here, or a UDP checksum of 0 kept as the kernel keeps it
        }
        if (partial) {
            c = ~c & 0xffff;
        } else if (proto == 17 && c == 0) {
            c = 0xffff; // a computed 0 is sent as all ones in UDP
        }
        p.put16(csum, c);
    }

    /** The IPv6 pseudo-header sum (addresses, L4 length, next header), unfolded. */
    static long pseudo6(PacketContext p, int l3, int proto, int l4len) {
        long sum = proto + (l4len >>> 16) + (l4len & 0xffff);
        for (int i = 8; i < 40; i += 2) {
            sum += p.u16(l3 + i);
        }
        return sum;
    }
}
