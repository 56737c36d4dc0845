package org.pkttables.io.frames;

import org.pkttables.api.ext.Checksums;
import org.pkttables.io.bridge.Fdb;

/**
 * Writing the headers of the packets the router makes itself (ARP and ND answers, echo replies, ICMP
 * errors, TCP resets) into a worker's buffer: Ethernet, IPv4 and IPv6 headers and the byte helpers
 * they need. Plain big-endian stores, no allocation.
 */
public final class IpHeaders {
    public static final int ETH = 14;
    public static final int ETH_IPV4 = 0x0800;
    public static final int ETH_IPV6 = 0x86dd;
    public static final int ETH_ARP = 0x0806;
    public static final int DEFAULT_TTL = 64;

    private IpHeaders() {
    }

    public static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    public static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    public static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    public static void put32(byte[] b, int i, long v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    public static long mac(byte[] b, int off) {
        return Fdb.mac(b, off);
    }

    public static void putMac(byte[] b, int off, long mac) {
        for (int k = 5; k >= 0; k--) {
            b[off + 5 - k] = (byte) (mac >>> (8 * k));
        }
    }

    /** Ethernet header at {@code off}: destination, source, type. */
    public static void ethernet(byte[] b, int off, long dst, long src, int type) {
        putMac(b, off, dst);
        putMac(b, off + 6, src);
        put16(b, off + 12, type);
    }

    /**
     * A 20-byte IPv4 header at {@code l3} (no options, DF clear, id 0, as the kernel sends small ICMP
     * packets), its checksum included. {@code src}/{@code dst} are 4 bytes at their offsets.
     */
    public static void ipv4(byte[] b, int l3, int proto, int payloadLen, int ttl, byte[] src, int srcOff, byte[] dst,
            int dstOff) {
        b[l3] = 0x45;
        b[l3 + 1] = 0;
        put16(b, l3 + 2, 20 + payloadLen);
        put16(b, l3 + 4, 0);
        put16(b, l3 + 6, 0);
        b[l3 + 8] = (byte) ttl;
        b[l3 + 9] = (byte) proto;
        System.arraycopy(src, srcOff, b, l3 + 12, 4);
        System.arraycopy(dst, dstOff, b, l3 + 16, 4);
        Checksums.ipv4Header(b, l3);
    }

    /** A 40-byte IPv6 header at {@code l3}. */
    public static void ipv6(byte[] b, int l3, int nextHeader, int payloadLen, int hopLimit, byte[] src, int srcOff,
            byte[] dst, int dstOff) {
        put32(b, l3, 0x60000000L);
        put16(b, l3 + 4, payloadLen);
        b[l3 + 6] = (byte) nextHeader;
        b[l3 + 7] = (byte) hopLimit;
        System.arraycopy(src, srcOff, b, l3 + 8, 16);
        System.arraycopy(dst, dstOff, b, l3 + 24, 16);
    }

    /** Writes the ICMP (v4) checksum of the message [l4, l4+len). */
    public static void icmpChecksum(byte[] b, int l4, int len) {
        Checksums.store(b, l4, len, 2, 0, 1);
    }

    /** Writes the ICMPv6 checksum of the message [l4, l4+len) of the IPv6 packet at {@code l3}. */
    public static void icmp6Checksum(byte[] b, int l3, int l4, int len) {
        Checksums.store(b, l4, len, 2, Checksums.pseudo(b, l3, false, 58, len), 58);
    }

    /** True for an IPv4 address that must never get an ICMP error: 0/8, 127/8, multicast, broadcast. */
    static boolean v4NoErrorTo(byte[] b, int off) {
        int first = b[off] & 0xff;
        return first == 0 || first == 127 || first >= 224;
    }

    /** True for an IPv6 address that must never get an ICMP error: unspecified, loopback, multicast. */
    public static boolean v6NoErrorTo(byte[] b, int off) {
        if ((b[off] & 0xff) == 0xff) {
            return true;
        }
        for (int i = 0; i < 15; i++) {
            if (b[off + i] != 0) {
                return false;
            }
        }
        return b[off + 15] == 0 || b[off + 15] == 1;
    }

    /** True for a link-local unicast IPv6 address (fe80::/10). */
    static boolean v6LinkLocal(byte[] b, int off) {
        return (b[off] & 0xff) == 0xfe && (b[off + 1] & 0xc0) == 0x80;
    }
}
