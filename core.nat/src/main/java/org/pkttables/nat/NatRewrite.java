package org.pkttables.nat;

import org.pkttables.api.PacketContext;

/**
 * Rewrites an IPv4 packet's source or destination address and port in place with incremental checksum
 * updates (RFC 1624, the kernel's {@code inet_proto_csum_replace4/2}): the IP header checksum, the
 * TCP/UDP/DCCP checksum over the pseudo-header and the port, a UDP checksum of 0 (none) kept 0, the SCTP
 * CRC32c computed again after a port change ({@link SctpChecksum}), the ICMP echo id with the ICMP checksum. Allocation-free; every write is bounded by the frame.
 */
public final class NatRewrite {
    /** A packet of its own: every checksum, a checksum left to offload kept as such. */
    public static final int PACKET = 0;
    /** The packet an ICMP error quotes: its L4 checksum only where the quote holds it. */
    public static final int QUOTED = 1;
    /** The IP header only (the error's own header; its ICMP checksum is computed again). */
    public static final int HEADER_ONLY = 2;

    private NatRewrite() {
    }

    /** {@code check} (as stored) after one 16-bit word changes from {@code old} to {@code neu}. */
    public static int update16(int check, int old, int neu) {
        int sum = (~check & 0xffff) + (~old & 0xffff) + (neu & 0xffff);
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        return ~sum & 0xffff;
    }

    /** {@code check} after a 32-bit value changes (both halves). */
    static int update32(int check, long old, long neu) {
        return update16(update16(check, (int) (old >>> 16) & 0xffff, (int) (neu >>> 16) & 0xffff),
                (int) old & 0xffff, (int) neu & 0xffff);
    }

    /**
     * Sets the source ({@code src} true) or destination address and port of the IPv4 packet whose header
     * starts at {@code l3} and whose L4 header (if any) starts at {@code l4}. {@code port} is ignored for
     * protocols without ports; for ICMP echo it is the id. {@code mode}: {@link #PACKET} for a packet of its
     * own, {@link #QUOTED} for the packet an ICMP error quotes (its L4 checksum updated only when the quote
     * holds it, as the kernel does), {@link #HEADER_ONLY} for the IP header alone.
     */
    public static void manip(PacketContext p, int l3, int l4, int proto, boolean src, long addr, int port, int mode) {
        boolean checkL4 = mode != HEADER_ONLY;
        int aOff = l3 + (src ? 12 : 16);
        long old = p.u32(aOff);
        if (old < 0) {
            return;
        }
        // A checksum the sender left to offload (CHECKSUM_PARTIAL: the folded pseudo-header sum, as veth and
        // local stacks pass it) is updated as that sum, so the io layer still completes it on the way out.
        boolean partial = mode == PACKET && (proto == 6 || proto == 17) && l4 >= 0 && !p.isFragment()
                && p.u16(l4 + (proto == 6 ? 16 : 6)) == fold(pseudo(p, l3, proto));
        if (old != addr) {
            put32(p, aOff, addr);
            p.put16(l3 + 10, update32(p.u16(l3 + 10), old, addr));
        }
        if (l4 < 0 || p.isFragment() && p.fragOffset() != 0) {
            return;
        }
        switch (proto) {
            case 6:
                ports(p, l4, src, old, addr, port, checkL4 ? l4 + 16 : -1, false, partial);
                break;
            case 17:
            case 136:
                ports(p, l4, src, old, addr, port, checkL4 ? l4 + 6 : -1, proto == 17, partial);
                break;
            case 33:
                // DCCP: its checksum covers the pseudo-header as TCP's (nf_nat_proto's dccp_manip_pkt)
                ports(p, l4, src, old, addr, port, checkL4 ? l4 + 6 : -1, false, false);
                break;
            case 132: {
                // SCTP: no pseudo-header; CRC32c over the packet computed again after a port change
                // (sctp_manip_pkt). In a quoted packet the kernel sums to the end of the error, so do we.
                int oldPort = p.u16(l4 + (src ? 0 : 2));
                ports(p, l4, src, old, addr, port, -1, false, false);
                if (checkL4 && oldPort >= 0 && oldPort != port) {
                    SctpChecksum.write(p, l4, mode == PACKET ? Math.min(l3 + p.u16(l3 + 2), p.end()) : p.end());
                }
                break;
            }
            case 1: {
                int type = p.u8(l4);
                if (type == 0 || type == 8 || type == 13 || type == 14 || type == 15 || type == 16) {
                    int oldId = p.u16(l4 + 4);
                    if (oldId >= 0 && oldId != port) {
                        p.put16(l4 + 4, port);
                        if (checkL4) {
                            p.put16(l4 + 2, update16(p.u16(l4 + 2), oldId, port));
                        }
                    }
                }
                break;
            }
            default:
                break;
        }
    }

    /**
     * Computes the ICMP (ICMPv6: {@code initial} is the pseudo-header sum) checksum of the message from
     * {@code l4} to {@code end} afresh, as the kernel does after translating an error's quote.
     */
    public static void icmpChecksum(PacketContext p, int l4, int end, long initial) {
        p.put16(l4 + 2, 0);
        long sum = initial;
        for (int i = l4; i + 1 < end; i += 2) {
            sum += p.u16(i);
        }
        if (((end - l4) & 1) != 0) {
            sum += p.u8(end - 1) << 8;
        }
        p.put16(l4 + 2, ~fold(sum) & 0xffff);
    }

    private static void ports(PacketContext p, int l4, boolean src, long oldAddr, long addr, int port, int csum,
            boolean udpZero, boolean partial) {
        int pOff = l4 + (src ? 0 : 2);
        int oldPort = p.u16(pOff);
        if (oldPort < 0) {
            return;
        }
        if (oldPort != port) {
            p.put16(pOff, port);
        }
        if (csum < 0 || !p.has(csum, 2)) {
            return;
        }
        int c = p.u16(csum);
        if (udpZero && c == 0) {
            return; // UDP without a checksum stays without one
        }
        if (partial) {
            // The pseudo-header sum itself (not complemented); ports are not part of it.
            p.put16(csum, ~update32(~c & 0xffff, oldAddr, addr) & 0xffff);
            return;
        }
        c = update32(c, oldAddr, addr);
        c = update16(c, oldPort, port);
        if (udpZero && c == 0) {
            c = 0xffff; // a computed 0 is sent as all ones in UDP
        }
        p.put16(csum, c);
    }

    /** The IPv4 pseudo-header sum (addresses, protocol, L4 length), unfolded. */
    static long pseudo(PacketContext p, int l3, int proto) {
        int ihl = (p.u8(l3) & 0x0f) * 4;
        int l4len = p.u16(l3 + 2) - ihl;
        return p.u16(l3 + 12) + p.u16(l3 + 14) + p.u16(l3 + 16) + p.u16(l3 + 18) + proto + l4len;
    }

    public static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    static void put32(PacketContext p, int i, long v) {
        p.put16(i, (int) (v >>> 16) & 0xffff);
        p.put16(i + 2, (int) v & 0xffff);
    }
}
