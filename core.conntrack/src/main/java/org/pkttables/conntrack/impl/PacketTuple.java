package org.pkttables.conntrack.impl;

import org.pkttables.api.PacketContext;

/**
 * The tuple of one packet, read from the offsets the L3 handler set: per-worker scratch, reused for every
 * packet. Addresses are packed into longs (IPv4 in {@code sLo}/{@code dLo} with the high words 0); for
 * ICMP the ports both hold the echo id and {@link #meta} carries the request type, so either direction
 * compares the same words.
 */
public final class PacketTuple {
    static final int ANY_DIR = 0;
    static final int ORIG_ONLY = 1;
    static final int REPLY_ONLY = 2;

    boolean v6;
    int proto;
    long sHi;
    long sLo;
    long dHi;
    long dLo;
    int sport;
    int dport;
    int meta;
    /** Conntrack zone (CT --zone): separate tuple spaces; 0 for packets without a zone template. */
    int zone;
    /** Which direction the packet may have in its entry (ICMP requests only the original one). */
    int dirConstraint;
    /** Index just past the IP datagram (Ethernet padding excluded). */
    int ipEnd;
    int l4;

    static int meta(boolean v6, int proto, int icmpType, int icmpCode) {
        return (v6 ? 1 << 24 : 0) | (proto << 16) | (icmpType << 8) | icmpCode;
    }

    /** A new tuple with source and destination swapped (rare paths only: ICMP errors of NAT connections). */
    PacketTuple inverse() {
        PacketTuple t = new PacketTuple();
        t.v6 = v6;
        t.proto = proto;
        t.sHi = dHi;
        t.sLo = dLo;
        t.dHi = sHi;
        t.dLo = sLo;
        t.sport = dport;
        t.dport = sport;
        t.meta = meta;
        t.zone = zone;
        t.dirConstraint = ANY_DIR;
        t.ipEnd = ipEnd;
        t.l4 = l4;
        return t;
    }

    /** Reads the addresses of the IP header at {@code l3}; false when truncated. */
    boolean readAddresses(PacketContext p, int l3, boolean ipv6) {
        v6 = ipv6;
        if (!ipv6) {
            if (!p.has(l3, 20)) {
                return false;
            }
            sHi = 0;
            dHi = 0;
            sLo = p.u32(l3 + 12);
            dLo = p.u32(l3 + 16);
            ipEnd = Math.min(p.end(), l3 + p.u16(l3 + 2));
        } else {
            if (!p.has(l3, 40)) {
                return false;
            }
            sHi = (p.u32(l3 + 8) << 32) | p.u32(l3 + 12);
            sLo = (p.u32(l3 + 16) << 32) | p.u32(l3 + 20);
            dHi = (p.u32(l3 + 24) << 32) | p.u32(l3 + 28);
            dLo = (p.u32(l3 + 32) << 32) | p.u32(l3 + 36);
            ipEnd = Math.min(p.end(), l3 + 40 + p.u16(l3 + 4));
        }
        return true;
    }

    /** Reads ports / echo ids at {@code l4}; returns false when the L4 header is truncated. */
    boolean readL4(PacketContext p, int proto, int l4) {
        this.proto = proto;
        this.l4 = l4;
        dirConstraint = ANY_DIR;
        switch (proto) {
            case 6:
            case 17:
            case 136: // UDP-Lite
            case 132: // SCTP
            case 33: // DCCP
                if (!p.has(l4, 4)) {
                    return false;
                }
                sport = p.u16(l4);
                dport = p.u16(l4 + 2);
                meta = meta(v6, proto, 0, 0);
                return true;
            case 1:
            case 58: {
                if (!p.has(l4, 8)) {
                    return false;
                }
                int type = p.u8(l4);
                int code = p.u8(l4 + 1);
                int req = IcmpTracker.requestOf(proto, type);
                if (req >= 0) {
                    dirConstraint = req == type ? ORIG_ONLY : REPLY_ONLY;
                    sport = dport = p.u16(l4 + 4);
                    meta = meta(v6, proto, req, code);
                } else {
                    // Errors are handled before lookup; other types get their own id-less tuple.
                    sport = dport = 0;
                    meta = meta(v6, proto, type, code);
                }
                return true;
            }
            default:
                sport = dport = 0;
                meta = meta(v6, proto, 0, 0);
                return true;
        }
    }
}
