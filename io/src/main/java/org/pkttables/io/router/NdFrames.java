package org.pkttables.io.router;

import org.pkttables.io.frames.IpHeaders;

/**
 * IPv6 neighbour discovery (RFC 4861) as the router needs it: neighbour solicitations for its next
 * hops (to the solicited-node multicast address) and advertisements answering solicitations for its
 * addresses (router, solicited and override flags set, with the port's MAC as target link-layer address).
 */
final class NdFrames {
    static final int NS = 135;
    static final int NA = 136;
    /** ICMPv6 header (4) + reserved/flags (4) + target (16) + one link-layer address option (8). */
    static final int LEN = 32;

    private NdFrames() {
    }

    /**
     * The link-layer address in the option of {@code type} (1 source, 2 target) of the ND message at
     * {@code l4 .. end}, or -1.
     */
    public static long option(byte[] b, int l4, int end, int type) {
        int i = l4 + 24;
        while (i + 8 <= end) {
            int len = (b[i + 1] & 0xff) * 8;
            if (len == 0) {
                return -1;
            }
            if ((b[i] & 0xff) == type && len >= 8) {
                return IpHeaders.mac(b, i + 2);
            }
            i += len;
        }
        return -1;
    }

    /**
     * Writes a whole frame: a solicitation from {@code src} for {@code target}, sent to its
     * solicited-node multicast group. Returns the frame's length.
     */
    static int solicit(byte[] out, long mac, byte[] src, int srcOff, byte[] target, int targetOff) {
        int l3 = IpHeaders.ETH;
        int l4 = l3 + 40;
        long group = 0x3333ff000000L | ((target[targetOff + 13] & 0xffL) << 16)
                | ((target[targetOff + 14] & 0xffL) << 8) | (target[targetOff + 15] & 0xffL);
        IpHeaders.ethernet(out, 0, group, mac, IpHeaders.ETH_IPV6);
        // the destination address ff02::1:ffXX:XXXX, written at the target field first and copied
        byte[] dst = out;
        int dstOff = l4 + 8;
        for (int i = 0; i < 16; i++) {
            out[dstOff + i] = 0;
        }
        out[dstOff] = (byte) 0xff;
        out[dstOff + 1] = 0x02;
        out[dstOff + 11] = 0x01;
        out[dstOff + 12] = (byte) 0xff;
        System.arraycopy(target, targetOff + 13, out, dstOff + 13, 3);
        IpHeaders.ipv6(out, l3, 58, LEN, 255, src, srcOff, dst, dstOff);
        out[l4] = (byte) NS;
        out[l4 + 1] = 0;
        IpHeaders.put32(out, l4 + 4, 0);
        System.arraycopy(target, targetOff, out, l4 + 8, 16);
        out[l4 + 24] = 1;
        out[l4 + 25] = 1;
        IpHeaders.putMac(out, l4 + 26, mac);
        IpHeaders.icmp6Checksum(out, l3, l4, LEN);
        return l4 + LEN;
    }

    /**
     * Writes a whole frame: the advertisement answering the solicitation in {@code b} (IPv6 header at
     * {@code origL3}, message at {@code origL4}) from the port with {@code mac}, sent to the solicitor
     * ({@code toMac}) or, for a solicitation from the unspecified address, to all nodes. Returns the
     * frame's length.
     */
    static int advertise(byte[] out, long mac, long toMac, byte[] b, int origL3, int origL4) {
        int l3 = IpHeaders.ETH;
        int l4 = l3 + 40;
        boolean fromUnspecified = IpHeaders.v6NoErrorTo(b, origL3 + 8) && (b[origL3 + 8] & 0xff) != 0xff;
        IpHeaders.ethernet(out, 0, fromUnspecified ? 0x333300000001L : toMac, mac, IpHeaders.ETH_IPV6);
        if (fromUnspecified) {
            for (int i = 0; i < 16; i++) {
                out[l4 + 8 + i] = 0;
            }
            out[l4 + 8] = (byte) 0xff;
            out[l4 + 9] = 0x02;
            out[l4 + 23] = 0x01;
            IpHeaders.ipv6(out, l3, 58, LEN, 255, b, origL4 + 8, out, l4 + 8);
        } else {
            IpHeaders.ipv6(out, l3, 58, LEN, 255, b, origL4 + 8, b, origL3 + 8);
        }
        out[l4] = (byte) NA;
        out[l4 + 1] = 0;
        IpHeaders.put16(out, l4 + 2, 0);
        // R (we are a router), S (solicited; not for an answer to all nodes), O (override)
        out[l4 + 4] = (byte) (fromUnspecified ? 0xa0 : 0xe0);
        out[l4 + 5] = 0;
        out[l4 + 6] = 0;
        out[l4 + 7] = 0;
        System.arraycopy(b, origL4 + 8, out, l4 + 8, 16);
        out[l4 + 24] = 2;
        out[l4 + 25] = 1;
        IpHeaders.putMac(out, l4 + 26, mac);
        IpHeaders.icmp6Checksum(out, l3, l4, LEN);
        return l4 + LEN;
    }
}
