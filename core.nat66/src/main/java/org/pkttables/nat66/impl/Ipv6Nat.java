package org.pkttables.nat66.impl;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Target;
import org.pkttables.conntrack.NatEntry;
import org.pkttables.nat.NatCore;
import org.pkttables.nat.NatFamily;
import org.pkttables.nat.NatRange;
import org.pkttables.nat.NatRewrite;
import org.pkttables.nat.NatTarget;

/**
 * The IPv6 side of NAT (NAT66): {@link Nat66Target} for ip6tables' rules, and the rewrite of every packet of
 * a bound IPv6 connection (16-byte addresses, no IP header checksum, ICMPv6 errors with their quote).
 */
final class Ipv6Nat implements NatFamily {
    static final Ipv6Nat INSTANCE = new Ipv6Nat();

    private Ipv6Nat() {
    }

    @Override
    public Family family() {
        return Family.IPV6;
    }

    @Override
    public Target target(NatCore core, NatTarget.Kind kind, int manip, NatRange range, int flags, long maskHi,
            long mask) {
        return new Nat66Target(core, kind, manip, range, flags, maskHi, mask);
    }

    @Override
    public int translate(NatCore core, PacketContext p, NatEntry e, int manip) {
        if (e.ipv4()) {
            return Verdict.DROP; // an IPv4 connection is core.nat's: never passed on untranslated here
        }
        int l3 = p.l3Offset();
        int l4 = p.l4Offset();
        int proto = p.l4Proto();
        boolean other = !e.isReply();
        boolean src = manip == NatCore.SRC;
        if (proto == 58 && l4 >= 0 && p.has(l4, 8) && p.u8(l4) < 128) {
            // An ICMPv6 error (type below 128) about a packet of this connection: the quoted packet (a fixed
            // header followed directly by its L4 header; extension headers in the quote are not walked) is
            // translated back as it was seen, the error's own header as a reply to it, the checksum computed
            // again over the message and the pseudo-header.
            int il3 = l4 + 8;
            if (!p.has(il3, 44)) {
                return Verdict.DROP;
            }
            int iproto = p.u8(il3 + 6);
            int il4 = iproto == 6 || iproto == 17 || iproto == 58 || NatCore.hasPorts(iproto) ? il3 + 40 : -1;
            long hi = src ? e.dstAddrHi(other) : e.srcAddrHi(other);
            long lo = src ? e.dstAddr(other) : e.srcAddr(other);
            int port = src ? e.dstPort(other) : e.srcPort(other);
            Nat66Rewrite.manip6(p, il3, il4, iproto, !src, hi, lo, port, NatRewrite.QUOTED);
            Nat66Rewrite.manip6(p, l3, -1, 58, src, hi, lo, 0, NatRewrite.HEADER_ONLY);
            int end = Math.min(p.end(), l3 + 40 + p.u16(l3 + 4));
            NatRewrite.icmpChecksum(p, l4, end, Nat66Rewrite.pseudo6(p, l3, 58, end - l4));
            return Verdict.ACCEPT;
        }
        if (src) {
            Nat66Rewrite.manip6(p, l3, l4, proto, true, e.dstAddrHi(other), e.dstAddr(other), e.dstPort(other),
                    NatRewrite.PACKET);
        } else {
            Nat66Rewrite.manip6(p, l3, l4, proto, false, e.srcAddrHi(other), e.srcAddr(other), e.srcPort(other),
                    NatRewrite.PACKET);
        }
        return Verdict.ACCEPT;
    }
}
