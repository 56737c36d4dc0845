package org.pkttables.gen.impl;

import org.pkttables.api.ext.Checksums;

/**
 * Writes Ethernet + IPv4/IPv6 + TCP/UDP/ICMP frames into a caller's buffer with every checksum right.
 * Static and allocation-free: the generator calls it once per frame on one reused buffer.
 */
public final class FrameBuilder {
    public static final int ETH = 14;
    /** Payload bytes: printable and deterministic, so captures are readable and reproducible. */
    private static final byte[] PATTERN = new byte[9216];

    static {
        for (int i = 0; i < PATTERN.length; i++) {
            PATTERN[i] = (byte) ('a' + i % 26);
        }
    }

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    private FrameBuilder() {
    }

    /** Ethernet + IP header; returns the offset of the L4 header. */
    static int ip(byte[] b, byte[] dstMac, byte[] srcMac, boolean v6, byte[] src, byte[] dst, int proto, int l4Len,
            int ipId) {
        System.arraycopy(dstMac, 0, b, 0, 6);
        System.arraycopy(srcMac, 0, b, 6, 6);
        if (v6) {
            b[12] = (byte) 0x86;
            b[13] = (byte) 0xdd;
            b[14] = 0x60;
            b[15] = 0;
            b[16] = 0;
            b[17] = 0;
            put16(b, 18, l4Len);
            b[20] = (byte) proto;
            b[21] = 64;
            System.arraycopy(src, 0, b, 22, 16);
            System.arraycopy(dst, 0, b, 38, 16);
            return ETH + 40;
        }
        b[12] = 0x08;
        b[13] = 0x00;
        b[14] = 0x45;
        b[15] = 0;
        put16(b, 16, 20 + l4Len);
        put16(b, 18, ipId);
        b[20] = 0x40; // DF, as Linux sends TCP
        b[21] = 0;
        b[22] = 64;
        b[23] = (byte) proto;
        b[24] = 0;
        b[25] = 0;
        System.arraycopy(src, 0, b, 26, 4);
        System.arraycopy(dst, 0, b, 30, 4);
        put16(b, 24, Checksums.checksum(b, ETH, 20));
        return ETH + 20;
    }

    /**
     * A TCP segment. {@code opts}: 0 none, else the SYN options (MSS always; window scale when
     * {@code wscale >= 0}; SACK-permitted when {@code sack}).
     */
    public static int tcp(byte[] b, byte[] dstMac, byte[] srcMac, boolean v6, byte[] src, byte[] dst, int sport,
            int dport, long seq, long ack, int flags, int window, boolean synOpts, int mss, int wscale, boolean sack,
            int payload, int ipId) {
        int optLen = 0;
        if (synOpts) {
            optLen = 4 + (wscale >= 0 ? 4 : 0) + (sack ? 4 : 0);
        }
        int tcpLen = 20 + optLen + payload;
        int o = ip(b, dstMac, srcMac, v6, src, dst, 6, tcpLen, ipId);
        put16(b, o, sport);
        put16(b, o + 2, dport);
        put32(b, o + 4, seq);
        put32(b, o + 8, (flags & ACK) != 0 ? ack : 0);
        b[o + 12] = (byte) (((20 + optLen) / 4) << 4);
        b[o + 13] = (byte) flags;
        put16(b, o + 14, window);
        b[o + 16] = 0;
        b[o + 17] = 0;
        put16(b, o + 18, 0);
        int p = o + 20;
        if (synOpts) {
            b[p++] = 2;
            b[p++] = 4;
            put16(b, p, mss);
            p += 2;
            if (wscale >= 0) {
                b[p++] = 1;
                b[p++] = 3;
                b[p++] = 3;
                b[p++] = (byte) wscale;
            }
            if (sack) {
                b[p++] = 1;
                b[p++] = 1;
                b[p++] = 4;
                b[p++] = 2;
            }
        }
        System.arraycopy(PATTERN, 0, b, p, payload);
        put16(b, o + 16, l4Checksum(b, v6, 6, o, tcpLen));
        return o + tcpLen;
    }

    public static int udp(byte[] b, byte[] dstMac, byte[] srcMac, boolean v6, byte[] src, byte[] dst, int sport,
            int dport, int payload, int ipId) {
        int len = 8 + payload;
        int o = ip(b, dstMac, srcMac, v6, src, dst, 17, len, ipId);
        put16(b, o, sport);
        put16(b, o + 2, dport);
        put16(b, o + 4, len);
        put16(b, o + 6, 0);
        System.arraycopy(PATTERN, 0, b, o + 8, payload);
        int c = l4Checksum(b, v6, 17, o, len);
        put16(b, o + 6, c == 0 ? 0xffff : c);
        return o + len;
    }

    /** An echo request or reply (ICMP, or ICMPv6 on IPv6). */
    public static int echo(byte[] b, byte[] dstMac, byte[] srcMac, boolean v6, byte[] src, byte[] dst, boolean request,
            int id, int seq, int payload, int ipId) {
        int len = 8 + payload;
        int o = ip(b, dstMac, srcMac, v6, src, dst, v6 ? 58 : 1, len, ipId);
        b[o] = (byte) (v6 ? (request ? 128 : 129) : (request ? 8 : 0));
        b[o + 1] = 0;
        put16(b, o + 2, 0);
        put16(b, o + 4, id);
        put16(b, o + 6, seq);
        System.arraycopy(PATTERN, 0, b, o + 8, payload);
        int c = v6 ? l4Checksum(b, true, 58, o, len) : Checksums.checksum(b, o, len);
        put16(b, o + 2, c);
        return o + len;
    }

    /** The TCP/UDP/ICMPv6 checksum over the pseudo header and the L4 bytes at {@code o}. */
    static int l4Checksum(byte[] b, boolean v6, int proto, int o, int len) {
        return ~Checksums.fold(Checksums.pseudo(b, ETH, !v6, proto, len) + Checksums.sum(b, o, len)) & 0xffff;
    }

    static void put16(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 8);
        b[o + 1] = (byte) v;
    }

    static void put32(byte[] b, int o, long v) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
    }
}
