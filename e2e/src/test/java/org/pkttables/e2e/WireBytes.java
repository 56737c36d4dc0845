package org.pkttables.e2e;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32C;

/**
 * Byte-level packet construction for the kernel differential test: every header written by hand, with
 * correct checksums (the kernel's conntrack marks packets with bad L4 checksums INVALID, so a sloppy
 * checksum would test the checksum, not the extension).
 */
final class WireBytes {
    static final int ETH_IPV4 = 0x0800;
    static final int ETH_IPV6 = 0x86dd;

    private WireBytes() {
    }

    /** Ethernet header + payload. */
    static byte[] ether(byte[] dst, byte[] src, int type, byte[] l3) {
        byte[] f = new byte[14 + l3.length];
        System.arraycopy(dst, 0, f, 0, 6);
        System.arraycopy(src, 0, f, 6, 6);
        put16(f, 12, type);
        System.arraycopy(l3, 0, f, 14, l3.length);
        return f;
    }

    /** IPv4 header (no options) with its checksum, then {@code l4} (whose checksum the caller computed). */
    static byte[] ipv4(int tos, int id, boolean df, int ttl, int proto, byte[] src, byte[] dst, byte[] l4) {
        byte[] p = new byte[20 + l4.length];
        p[0] = 0x45;
        p[1] = (byte) tos;
        put16(p, 2, p.length);
        put16(p, 4, id);
        p[6] = (byte) (df ? 0x40 : 0);
        p[8] = (byte) ttl;
        p[9] = (byte) proto;
        System.arraycopy(src, 0, p, 12, 4);
        System.arraycopy(dst, 0, p, 16, 4);
        put16(p, 10, ~fold(sum(p, 0, 20, 0)) & 0xffff);
        System.arraycopy(l4, 0, p, 20, l4.length);
        return p;
    }

    /** IPv6 header + {@code rest} (extension headers and upper layer); {@code next} is the first next header. */
    static byte[] ipv6(int tclass, int flow, int hopLimit, int next, byte[] src, byte[] dst, byte[] rest) {
        byte[] p = new byte[40 + rest.length];
        int w = 0x6000_0000 | (tclass & 0xff) << 20 | (flow & 0xfffff);
        put32(p, 0, w);
        put16(p, 4, rest.length);
        p[6] = (byte) next;
        p[7] = (byte) hopLimit;
        System.arraycopy(src, 0, p, 8, 16);
        System.arraycopy(dst, 0, p, 24, 16);
        System.arraycopy(rest, 0, p, 40, rest.length);
        return p;
    }

    /** TCP segment with options (padded with NOP/EOL to 4 bytes) and payload; checksum over the pseudo header. */
    static byte[] tcp(byte[] src, byte[] dst, int sport, int dport, long seq, long ack, int flags, int window,
            byte[] options, byte[] payload) {
        int optLen = (options.length + 3) / 4 * 4;
        byte[] t = new byte[20 + optLen + payload.length];
        put16(t, 0, sport);
        put16(t, 2, dport);
        put32(t, 4, (int) seq);
        put32(t, 8, (int) ack);
        t[12] = (byte) (((20 + optLen) / 4) << 4 | (flags >>> 8 & 1));
        t[13] = (byte) flags;
        put16(t, 14, window);
        System.arraycopy(options, 0, t, 20, options.length);
        System.arraycopy(payload, 0, t, 20 + optLen, payload.length);
        put16(t, 16, l4Checksum(src, dst, 6, t));
        return t;
    }

    static byte[] udp(byte[] src, byte[] dst, int sport, int dport, byte[] payload) {
        byte[] u = new byte[8 + payload.length];
        put16(u, 0, sport);
        put16(u, 2, dport);
        put16(u, 4, u.length);
        System.arraycopy(payload, 0, u, 8, payload.length);
        int c = l4Checksum(src, dst, 17, u);
        put16(u, 6, c == 0 ? 0xffff : c);
        return u;
    }

    /** ICMP (v4: no pseudo header) or ICMPv6 (pseudo header) message: type, code, 4 bytes rest, body. */
    static byte[] icmp(boolean v6, byte[] src, byte[] dst, int type, int code, int restOfHeader, byte[] body) {
        byte[] m = new byte[8 + body.length];
        m[0] = (byte) type;
        m[1] = (byte) code;
        put32(m, 4, restOfHeader);
        System.arraycopy(body, 0, m, 8, body.length);
        put16(m, 2, v6 ? l4Checksum(src, dst, 58, m) : ~fold(sum(m, 0, m.length, 0)) & 0xffff);
        return m;
    }

    /** SCTP common header + chunks, with the CRC32c the kernel checks. */
    static byte[] sctp(int sport, int dport, long vtag, byte[] chunks) {
        byte[] s = new byte[12 + chunks.length];
        put16(s, 0, sport);
        put16(s, 2, dport);
        put32(s, 4, (int) vtag);
        System.arraycopy(chunks, 0, s, 12, chunks.length);
        CRC32C crc = new CRC32C();
        crc.update(s, 0, s.length);
        long v = crc.getValue();
        // SCTP stores the CRC32c little-endian
        s[8] = (byte) v;
        s[9] = (byte) (v >>> 8);
        s[10] = (byte) (v >>> 16);
        s[11] = (byte) (v >>> 24);
        return s;
    }

    /** One SCTP chunk padded to 4 bytes. */
    static byte[] sctpChunk(int type, int flags, byte[] value) {
        int len = 4 + value.length;
        byte[] c = new byte[(len + 3) / 4 * 4];
        c[0] = (byte) type;
        c[1] = (byte) flags;
        put16(c, 2, len);
        System.arraycopy(value, 0, c, 4, value.length);
        return c;
    }

    /** AH header (RFC 4302) with a 12-byte ICV, followed by {@code inner}. */
    static byte[] ah(int next, long spi, long seq, byte[] inner) {
        byte[] a = new byte[24 + inner.length];
        a[0] = (byte) next;
        a[1] = 4; // (24 / 4) - 2
        put32(a, 4, (int) spi);
        put32(a, 8, (int) seq);
        System.arraycopy(inner, 0, a, 24, inner.length);
        return a;
    }

    /** ESP: SPI, sequence, opaque (never decrypted) data. */
    static byte[] esp(long spi, long seq, byte[] data) {
        byte[] e = new byte[8 + data.length];
        put32(e, 0, (int) spi);
        put32(e, 4, (int) seq);
        System.arraycopy(data, 0, e, 8, data.length);
        return e;
    }

    /** IPv6 hop-by-hop or destination options header of 8 bytes (a PadN option), then {@code inner}. */
    static byte[] options6(int next, byte[] inner) {
        byte[] h = new byte[8 + inner.length];
        h[0] = (byte) next;
        h[1] = 0;
        h[2] = 1; // PadN
        h[3] = 4;
        System.arraycopy(inner, 0, h, 8, inner.length);
        return h;
    }

    /** IPv6 fragment header then {@code inner}. */
    static byte[] fragment6(int next, int offset8, boolean more, int reserved, long ident, byte[] inner) {
        byte[] h = new byte[8 + inner.length];
        h[0] = (byte) next;
        h[1] = (byte) reserved;
        put16(h, 2, offset8 << 3 | (more ? 1 : 0));
        put32(h, 4, (int) ident);
        System.arraycopy(inner, 0, h, 8, inner.length);
        return h;
    }

    static int l4Checksum(byte[] src, byte[] dst, int proto, byte[] seg) {
        long s = sum(src, 0, src.length, 0);
        s = sum(dst, 0, dst.length, s);
        s += proto + seg.length;
        s = sum(seg, 0, seg.length, s);
        return ~fold(s) & 0xffff;
    }

    static long sum(byte[] b, int off, int len, long acc) {
        for (int i = 0; i + 1 < len; i += 2) {
            acc += (b[off + i] & 0xff) << 8 | (b[off + i + 1] & 0xff);
        }
        if ((len & 1) != 0) {
            acc += (b[off + len - 1] & 0xff) << 8;
        }
        return acc;
    }

    static int fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static void put32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    static String hex(byte[] b, int off, int len) {
        StringBuilder s = new StringBuilder(len * 2);
        for (int i = off; i < off + len; i++) {
            s.append(Character.forDigit(b[i] >>> 4 & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return s.toString();
    }

    static byte[] unhex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s, 2 * i, 2 * i + 2, 16);
        }
        return b;
    }
}
