package org.pkttables.tables.testing;

import java.util.Arrays;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.L3Handler;

/**
 * Hand-built Ethernet frames (IPv4/IPv6 with TCP, UDP, ICMP) and contexts whose offsets are set the way
 * an L3 handler would set them, so matches and targets can be tested without one. (For frames with
 * chosen addresses that go through a real L3 handler, see {@link Frames}.)
 *
 * @since 1.1.0
 */
public final class Packets {
    public static final int ETH = 14;
    public static final int IP4 = 20;
    public static final int IP6 = 40;
    public static final long SRC_MAC = 0x4201_0203_0405L;

    private Packets() {
    }

    public static byte[] tcp(int sport, int dport, int flags, int... options) {
        int optLen = (options.length + 3) / 4 * 4;
        byte[] h = new byte[20 + optLen];
        put16(h, 0, sport);
        put16(h, 2, dport);
        h[12] = (byte) (((20 + optLen) / 4) << 4);
        h[13] = (byte) flags;
        put16(h, 14, 65535);
        for (int i = 0; i < options.length; i++) {
            h[20 + i] = (byte) options[i];
        }
        return h;
    }

    public static byte[] udp(int sport, int dport) {
        byte[] h = new byte[8];
        put16(h, 0, sport);
        put16(h, 2, dport);
        put16(h, 4, 8);
        return h;
    }

    public static byte[] icmp(int type, int code) {
        byte[] h = new byte[8];
        h[0] = (byte) type;
        h[1] = (byte) code;
        return h;
    }

    /** Ethernet + IPv4 (no options) + {@code l4}. */
    public static byte[] ipv4(int proto, byte[] l4) {
        byte[] f = new byte[ETH + IP4 + l4.length];
        eth(f, 0x0800);
        int ip = ETH;
        f[ip] = 0x45;
        put16(f, ip + 2, IP4 + l4.length);
        f[ip + 8] = 64;
        f[ip + 9] = (byte) proto;
        f[ip + 12] = 10;
        f[ip + 15] = 1;
        f[ip + 16] = 10;
        f[ip + 19] = 2;
        System.arraycopy(l4, 0, f, ETH + IP4, l4.length);
        return f;
    }

    /** Ethernet + IPv6 (no extension headers) + {@code l4}. */
    public static byte[] ipv6(int next, byte[] l4) {
        byte[] f = new byte[ETH + IP6 + l4.length];
        eth(f, 0x86dd);
        int ip = ETH;
        f[ip] = 0x60;
        put16(f, ip + 4, l4.length);
        f[ip + 6] = (byte) next;
        f[ip + 7] = 64;
        f[ip + 8] = (byte) 0xfe;
        f[ip + 9] = (byte) 0x80;
        f[ip + 23] = 1;
        f[ip + 24] = (byte) 0xfe;
        f[ip + 25] = (byte) 0x80;
        f[ip + 39] = 2;
        System.arraycopy(l4, 0, f, ETH + IP6, l4.length);
        return f;
    }

    private static void eth(byte[] f, int etherType) {
        for (int i = 0; i < 6; i++) {
            f[i] = (byte) (0x10 + i);
            f[6 + i] = (byte) (SRC_MAC >>> (40 - 8 * i));
        }
        put16(f, 12, etherType);
    }

    /** A context over the whole IPv4 frame with L2/L3/L4 offsets set. */
    public static PacketContext ctx4(byte[] f) {
        return ctx4(f, f.length);
    }

    /** The same, but the frame is cut after {@code length} bytes (offsets still point where they would). */
    public static PacketContext ctx4(byte[] f, int length) {
        return ctx(f, length, 0x0800, IP4, f[ETH + 9] & 0xff);
    }

    public static PacketContext ctx6(byte[] f) {
        return ctx6(f, f.length);
    }

    public static PacketContext ctx6(byte[] f, int length) {
        return ctx(f, length, 0x86dd, IP6, f[ETH + 6] & 0xff);
    }

    private static PacketContext ctx(byte[] f, int length, int etherType, int l3Length, int protocol) {
        PacketContext p = new PacketContext().reset(f, 0, length);
        p.setL2(0);
        p.setL3(ETH, etherType);
        p.setL4(ETH + l3Length, protocol);
        return p;
    }

    /**
     * The frame parsed by the L3 handler {@code h} from offset {@link #ETH}, as received on {@code in} and
     * leaving by {@code out} (either may be null).
     *
     * @throws IllegalArgumentException when the handler does not accept the frame
     */
    public static PacketContext parsed(L3Handler h, byte[] f, String in, String out) {
        PacketContext p = new PacketContext(0).reset(f, 0, f.length);
        if (!h.parse(p, ETH)) {
            throw new IllegalArgumentException(h.family() + " handler does not parse the frame");
        }
        p.setInIface(in);
        p.setOutIface(out);
        return p;
    }

    /** A later fragment: the L3 handler reports a non-zero offset. */
    public static PacketContext laterFragment(PacketContext p) {
        p.setFragment(true, 1480);
        return p;
    }

    public static byte[] copy(byte[] f) {
        return Arrays.copyOf(f, f.length);
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }
}
