package org.pkttables.conntrack.impl.defrag;

import java.util.Arrays;

/** Ethernet frames of IPv4 and IPv6 datagrams and of their fragments, for the reassembly tests. */
final class FragFrames {
    private FragFrames() {
    }

    /** A whole IPv4 UDP datagram (header checksum set, frag field 0) of {@code data} bytes of payload. */
    static byte[] udp4(int src, int dst, int id, int data) {
        byte[] ip = new byte[20 + 8 + data];
        ip[0] = 0x45;
        put16(ip, 2, ip.length);
        put16(ip, 4, id);
        ip[8] = 64;
        ip[9] = 17;
        put32(ip, 12, src);
        put32(ip, 16, dst);
        put16(ip, 20, 5353);
        put16(ip, 22, 40000);
        put16(ip, 24, 8 + data);
        for (int i = 0; i < data; i++) {
            ip[28 + i] = (byte) (i * 7 + 3);
        }
        checksum4(ip);
        return ip;
    }

    /** The IPv4 fragment of {@code ip} carrying payload bytes [off, off+len), as an Ethernet frame. */
    static byte[] frag4(byte[] ip, int off, int len, boolean more, boolean df) {
        byte[] f = new byte[14 + 20 + len];
        put16(f, 12, 0x0800);
        System.arraycopy(ip, 0, f, 14, 20);
        System.arraycopy(ip, 20 + off, f, 34, len);
        put16(f, 14 + 2, 20 + len);
        put16(f, 14 + 6, (off / 8) | (more ? 0x2000 : 0) | (df ? 0x4000 : 0));
        byte[] h = Arrays.copyOfRange(f, 14, 34);
        checksum4(h);
        System.arraycopy(h, 0, f, 14, 20);
        return f;
    }

    /** A whole IPv6 UDP datagram with a hop-by-hop and a destination options header before the payload. */
    static byte[] udp6(int data) {
        byte[] ip = new byte[40 + 8 + 8 + 8 + data];
        ip[0] = 0x60;
        put16(ip, 4, ip.length - 40);
        ip[6] = 0; // hop-by-hop
        ip[7] = 64;
        ip[8] = 0x20;
        ip[9] = 0x01;
        ip[23] = 1;
        ip[24] = 0x20;
        ip[25] = 0x01;
        ip[39] = 2;
        ip[40] = 60; // hop-by-hop -> destination options
        ip[42] = 1; // PadN
        ip[43] = 4;
        ip[48] = 17; // destination options -> UDP
        ip[50] = 1;
        ip[51] = 4;
        put16(ip, 56, 5353);
        put16(ip, 58, 40000);
        put16(ip, 60, 8 + data);
        for (int i = 0; i < data; i++) {
            ip[64 + i] = (byte) (i * 5 + 1);
        }
        return ip;
    }

    /**
     * The IPv6 fragment of {@code ip} (from {@link #udp6}): the hop-by-hop header stays unfragmentable, the
     * fragment header follows it, the destination options and UDP are the fragmentable part.
     */
    static byte[] frag6(byte[] ip, int off, int len, boolean more, long id) {
        int unfrag = 48;
        byte[] f = new byte[14 + unfrag + 8 + len];
        put16(f, 12, 0x86dd);
        System.arraycopy(ip, 0, f, 14, unfrag);
        f[14 + 40] = 44;
        int fh = 14 + unfrag;
        f[fh] = ip[40];
        put16(f, fh + 2, off | (more ? 1 : 0));
        put32(f, fh + 4, (int) id);
        System.arraycopy(ip, unfrag + off, f, fh + 8, len);
        put16(f, 14 + 4, unfrag - 40 + 8 + len);
        return f;
    }

    static void checksum4(byte[] ip) {
        put16(ip, 10, 0);
        long sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((ip[i] & 0xff) << 8) | (ip[i + 1] & 0xff);
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        put16(ip, 10, (int) ~sum & 0xffff);
    }

    static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    static void put32(byte[] b, int i, int v) {
        put16(b, i, v >>> 16);
        put16(b, i + 2, v & 0xffff);
    }
}
