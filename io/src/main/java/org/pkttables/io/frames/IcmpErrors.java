package org.pkttables.io.frames;

/**
 * ICMP and ICMPv6 error messages about a packet the router received (time exceeded, destination
 * unreachable, fragmentation needed / packet too big, REJECT's answers): a new IP header from one of
 * the appliance's addresses back to the packet's source, the type and code, a 32-bit field (the MTU
 * for "fragmentation needed" and "packet too big", zero otherwise), then as much of the offending
 * packet as fits in 576 bytes (IPv4, RFC 1812) or 1280 bytes (IPv6, RFC 4443), as the kernel sends.
 */
public final class IcmpErrors {
    static final int V4_MAX = 576;
    public static final int V6_MAX = 1280;

    // IPv4 (type << 8 | code)
    public static final int TIME_EXCEEDED = 11 << 8;
    public static final int NET_UNREACHABLE = 3 << 8;
    public static final int HOST_UNREACHABLE = 3 << 8 | 1;
    public static final int PORT_UNREACHABLE = 3 << 8 | 3;
    public static final int FRAG_NEEDED = 3 << 8 | 4;
    public static final int ADMIN_PROHIBITED = 3 << 8 | 13;
    // IPv6
    public static final int V6_NO_ROUTE = 1 << 8;
    public static final int V6_ADMIN_PROHIBITED = 1 << 8 | 1;
    public static final int V6_ADDR_UNREACHABLE = 1 << 8 | 3;
    public static final int V6_PORT_UNREACHABLE = 1 << 8 | 4;
    public static final int V6_PACKET_TOO_BIG = 2 << 8;
    public static final int V6_TIME_EXCEEDED = 3 << 8;

    private IcmpErrors() {
    }

    /**
     * May an error be sent about the IPv4 packet at {@code l3}? Not about an ICMP error (only echo
     * request/reply and other queries), a non-first fragment, or one sent from or to a special address.
     */
    public static boolean allowedV4(byte[] b, int l3, int end) {
        if (end - l3 < 20 || IpHeaders.v4NoErrorTo(b, l3 + 12) || (b[l3 + 16] & 0xff) >= 224) {
            return false;
        }
        if ((IpHeaders.u16(b, l3 + 6) & 0x1fff) != 0) {
            return false;
        }
        if ((b[l3 + 9] & 0xff) == 1) {
            int l4 = l3 + (b[l3] & 0x0f) * 4;
            if (l4 >= end) {
                return false;
            }
            int type = b[l4] & 0xff;
            return type == 0 || type == 8 || type == 13 || type == 14 || type == 15 || type == 16 || type == 17
                    || type == 18;
        }
        return true;
    }

    /**
     * May an ICMPv6 error be sent about the IPv6 packet at {@code l3}? Not from or to multicast or
     * special addresses, not about an ICMPv6 error (types below 128). {@code l4}/{@code proto}: the
     * upper-layer header as the parser found it ({@code l4} -1 when none).
     */
    public static boolean allowedV6(byte[] b, int l3, int end, int l4, int proto, boolean toMulticastOk) {
        if (end - l3 < 40 || IpHeaders.v6NoErrorTo(b, l3 + 8)) {
            return false;
        }
        if ((b[l3 + 24] & 0xff) == 0xff && !toMulticastOk) {
            return false;
        }
        if (proto == 58 && l4 >= 0 && l4 < end && (b[l4] & 0xff) < 128) {
            return false;
        }
        return true;
    }

    /**
     * Writes an ICMP error at {@code l3} of {@code out} about the IPv4 packet at {@code b[origL3 ..
     * origEnd)}, sent from {@code src}. Returns the IPv4 packet's length.
     */
    public static int v4(byte[] out, int l3, byte[] b, int origL3, int origEnd, int typeCode, int info, byte[] src,
            int srcOff) {
        int origLen = Math.min(origEnd - origL3, IpHeaders.u16(b, origL3 + 2));
        int n = Math.min(origLen, V4_MAX - 28);
        int l4 = l3 + 20;
        message(out, l4, typeCode, info, b, origL3, n);
        IpHeaders.ipv4(out, l3, 1, 8 + n, IpHeaders.DEFAULT_TTL, src, srcOff, b, origL3 + 12);
        IpHeaders.icmpChecksum(out, l4, 8 + n);
        return 28 + n;
    }

    /** As {@link #v4} for IPv6: an ICMPv6 error about the packet at {@code b[origL3 .. origEnd)}. */
    public static int v6(byte[] out, int l3, byte[] b, int origL3, int origEnd, int typeCode, int info, byte[] src,
            int srcOff) {
        int origLen = Math.min(origEnd - origL3, 40 + IpHeaders.u16(b, origL3 + 4));
        int n = Math.min(origLen, V6_MAX - 48);
        int l4 = l3 + 40;
        message(out, l4, typeCode, info, b, origL3, n);
        IpHeaders.ipv6(out, l3, 58, 8 + n, IpHeaders.DEFAULT_TTL, src, srcOff, b, origL3 + 8);
        IpHeaders.icmp6Checksum(out, l3, l4, 8 + n);
        return 48 + n;
    }

    /**
     * The ICMP or ICMPv6 error message at {@code l4} of {@code out}: type and code, a zero checksum (the
     * caller sums it with its pseudo-header or not), {@code info} (the MTU, the pointer) and the first
     * {@code n} bytes of the offending packet at {@code b[origL3 ..]}.
     */
    private static void message(byte[] out, int l4, int typeCode, int info, byte[] b, int origL3, int n) {
        out[l4] = (byte) (typeCode >>> 8);
        out[l4 + 1] = (byte) typeCode;
        IpHeaders.put16(out, l4 + 2, 0);
        IpHeaders.put32(out, l4 + 4, info & 0xffffffffL);
        System.arraycopy(b, origL3, out, l4 + 8, n);
    }
}
