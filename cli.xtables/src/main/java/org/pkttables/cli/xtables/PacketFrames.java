package org.pkttables.cli.xtables;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Ethernet frames described in a few words, with correct lengths and checksums: what {@code explain}
 * sends through the ruleset, and (as the test kit's {@code Frames}) what tests inject:
 * <pre>
 * byte[] syn  = PacketFrames.ipv4("10.0.0.1", "10.0.0.2").tcp(40000, 22).flags(PacketFrames.SYN).build();
 * byte[] dns  = PacketFrames.ipv6("2001:db8::1", "2001:db8::2").udp(5353, 53).payload("q").build();
 * byte[] ping = PacketFrames.ipv4("10.0.0.1", "10.0.0.2").icmp(8, 0).srcMac("02:00:00:00:00:0a").build();
 * List&lt;byte[]&gt; frags = PacketFrames.ipv4("10.0.0.1", "10.0.0.2").udp(1, 2).payload(new byte[3000]).fragments(1480);
 * byte[] who  = PacketFrames.arpRequest("02:00:00:00:00:01", "10.0.0.1", "10.0.0.2");
 * </pre>
 * Literal addresses only (no name lookups). Frames are not padded to Ethernet's 60-byte minimum
 * unless {@link Packet#padTo} asks for it.
 */
public class PacketFrames {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;

    public static final int ETH_IPV4 = 0x0800;
    public static final int ETH_IPV6 = 0x86dd;
    public static final int ETH_ARP = 0x0806;

    public static final String SRC_MAC = "02:00:00:00:00:01";
    public static final String DST_MAC = "02:00:00:00:00:02";

    /** Only for the test kit's {@code Frames}, which names these frames in tests. */
    protected PacketFrames() {
    }

    /** An IPv4 packet in an Ethernet frame; choose the payload with tcp/udp/icmp/raw. */
    public static Packet ipv4(String src, String dst) {
        return new Packet(false, addr(src, 4), addr(dst, 4));
    }

    /** An IPv6 packet in an Ethernet frame; extension headers are added in call order. */
    public static Packet ipv6(String src, String dst) {
        return new Packet(true, addr(src, 16), addr(dst, 16));
    }

    /** An ARP request (opcode 1) from the sender, broadcast, asking for {@code targetIp}. */
    public static byte[] arpRequest(String senderMac, String senderIp, String targetIp) {
        return arp(1, senderMac, senderIp, "00:00:00:00:00:00", targetIp, "ff:ff:ff:ff:ff:ff");
    }

    /** An ARP reply (opcode 2) from the sender to the target. */
    public static byte[] arpReply(String senderMac, String senderIp, String targetMac, String targetIp) {
        return arp(2, senderMac, senderIp, targetMac, targetIp, targetMac);
    }

    /** Any Ethernet/IPv4 ARP packet; {@code ethDst} is the frame's destination MAC. */
    public static byte[] arp(int opcode, String senderMac, String senderIp, String targetMac, String targetIp,
            String ethDst) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(mac(ethDst));
        b.writeBytes(mac(senderMac));
        put16(b, ETH_ARP);
        put16(b, 1); // hardware type Ethernet
        put16(b, ETH_IPV4);
        b.write(6);
        b.write(4);
        put16(b, opcode);
        b.writeBytes(mac(senderMac));
        b.writeBytes(addr(senderIp, 4));
        b.writeBytes(mac(targetMac));
        b.writeBytes(addr(targetIp, 4));
        return b.toByteArray();
    }

    /** One IP packet being described; {@link #build()} gives the frame. */
    public static final class Packet {
        private final boolean v6;
        private final byte[] src;
        private final byte[] dst;
        private byte[] srcMac = mac(SRC_MAC);
        private byte[] dstMac = mac(DST_MAC);
        private int ttl = 64;
        private int tos;
        private int id = 1;
        private byte[] ipv4Options = new byte[0];
        private final List<byte[]> extHeaders = new ArrayList<>(); // IPv6: {type, body...}
        private int proto; // until a payload is chosen: IPv6 "no next header" (59), IPv4 reserved (255)
        private int sport;
        private int dport;
        private int tcpFlags;
        private long seq = 1;
        private long ack = -1;
        private int icmpType;
        private int icmpCode;
        private byte[] raw;
        private byte[] payload = new byte[0];
        private int fragOffset;
        private boolean moreFragments;
        private boolean fragmentHeader;
        private boolean dontFragment;
        private int padTo;

        private Packet(boolean v6, byte[] src, byte[] dst) {
            this.v6 = v6;
            this.src = src;
            this.dst = dst;
            this.proto = v6 ? 59 : 255;
        }

        public Packet srcMac(String m) {
            srcMac = mac(m);
            return this;
        }

        public Packet dstMac(String m) {
            dstMac = mac(m);
            return this;
        }

        /** TTL (IPv4) or hop limit (IPv6). */
        public Packet ttl(int v) {
            ttl = v;
            return this;
        }

        /** TOS (IPv4) or traffic class (IPv6). */
        public Packet tos(int v) {
            tos = v;
            return this;
        }

        /** IPv4 identification / IPv6 fragment identification. */
        public Packet id(int v) {
            id = v;
            return this;
        }

        public Packet dontFragment() {
            dontFragment = true;
            return this;
        }

        /** IPv4 options, padded with zeros (end of options) to a multiple of 4 bytes. */
        public Packet options(byte... opts) {
            ipv4Options = new byte[(opts.length + 3) / 4 * 4];
            System.arraycopy(opts, 0, ipv4Options, 0, opts.length);
            return this;
        }

        public Packet tcp(int sport, int dport) {
            proto = 6;
            this.sport = sport;
            this.dport = dport;
            return this;
        }

        /** TCP flags, e.g. {@code SYN | ACK}. */
        public Packet flags(int f) {
            tcpFlags = f;
            return this;
        }

        public Packet seq(long s) {
            seq = s;
            return this;
        }

        /** The TCP acknowledgement number (without it: 1 when the ACK flag is set, else 0). */
        public Packet ack(long a) {
            ack = a;
            return this;
        }

        public Packet udp(int sport, int dport) {
            proto = 17;
            this.sport = sport;
            this.dport = dport;
            return this;
        }

        /** ICMP for IPv4, ICMPv6 for IPv6 (type 8/128 are echo requests); 4 bytes id/seq follow. */
        public Packet icmp(int type, int code) {
            proto = v6 ? 58 : 1;
            icmpType = type;
            icmpCode = code;
            return this;
        }

        /** Any other protocol: the bytes are the whole L4 part, sent as they are (before the payload). */
        public Packet raw(int protocol, byte... l4) {
            proto = protocol;
            raw = l4.clone();
            return this;
        }

        public Packet payload(byte... data) {
            payload = data.clone();
            return this;
        }

        public Packet payload(String text) {
            payload = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** IPv6 hop-by-hop options header (8 bytes of padding options). */
        public Packet hopByHop() {
            return ext(0, new byte[7]);
        }

        /** IPv6 destination options header. */
        public Packet destOptions() {
            return ext(60, new byte[7]);
        }

        /** IPv6 routing header, type 0 segments left 0, no addresses. */
        public Packet routing() {
            return ext(43, new byte[7]);
        }

        /** IPv6 authentication header with an 8-byte ICV (24 bytes). */
        public Packet ah() {
            return ext(51, new byte[23]);
        }

        /**
         * Any IPv6 extension header: {@code body} is everything after the next-header byte (its first
         * byte, the length, is filled in), so an 8-byte header has a 7-byte body.
         */
        public Packet ext(int type, byte[] body) {
            if (!v6) {
                throw new IllegalStateException("extension headers are IPv6 only");
            }
            byte[] h = new byte[1 + body.length];
            h[0] = (byte) type;
            System.arraycopy(body, 0, h, 1, body.length);
            if (type != 51) {
                if (h.length % 8 != 0) {
                    throw new IllegalArgumentException("extension header length " + h.length + " is not a multiple of 8");
                }
                h[1] = (byte) (h.length / 8 - 1);
            } else {
                h[1] = (byte) (h.length / 4 - 2);
            }
            extHeaders.add(h);
            return this;
        }

        /**
         * Makes this packet one fragment: IPv4 flags/offset, or an IPv6 fragment header after the
         * other extension headers. {@code offset} is in bytes (a multiple of 8).
         */
        public Packet fragment(int offset, boolean more) {
            if (offset % 8 != 0) {
                throw new IllegalArgumentException("fragment offset " + offset + " is not a multiple of 8");
            }
            fragOffset = offset;
            moreFragments = more;
            fragmentHeader = v6;
            return this;
        }

        /** Pads the frame with zeros to at least {@code n} bytes (60 = Ethernet's minimum). */
        public Packet padTo(int n) {
            padTo = n;
            return this;
        }

        /** The L4 part (header with checksum and payload), as the first fragment would carry it. */
        public byte[] l4() {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int csumAt;
            switch (raw != null ? -1 : proto) {
                case 6:
                    put16(b, sport);
                    put16(b, dport);
                    put32(b, seq);
                    put32(b, ack >= 0 ? ack : (tcpFlags & ACK) != 0 ? 1 : 0);
                    b.write(5 << 4);
                    b.write(tcpFlags);
                    put16(b, 65535);
                    put16(b, 0);
                    put16(b, 0);
                    csumAt = 16;
                    break;
                case 17:
                    put16(b, sport);
                    put16(b, dport);
                    put16(b, 8 + payload.length);
                    put16(b, 0);
                    csumAt = 6;
                    break;
                case 1:
                case 58:
                    b.write(icmpType);
                    b.write(icmpCode);
                    put16(b, 0);
                    put32(b, 0x00010001L);
                    csumAt = 2;
                    break;
                case 59:
                    csumAt = -1;
                    break;
                default:
                    b.writeBytes(raw != null ? raw : new byte[0]);
                    csumAt = -1;
            }
            b.writeBytes(payload);
            byte[] l4 = b.toByteArray();
            if (csumAt >= 0) {
                long sum = proto == 1 ? 0 : pseudoHeaderSum(l4.length);
                int c = checksum(l4, 0, l4.length, sum);
                if (proto == 17 && c == 0) {
                    c = 0xffff; // UDP sends a computed zero as all ones
                }
                l4[csumAt] = (byte) (c >> 8);
                l4[csumAt + 1] = (byte) c;
            }
            return l4;
        }

        /** The Ethernet frame. */
        public byte[] build() {
            return frame(l4(), fragOffset, moreFragments, fragmentHeader);
        }

        /**
         * Splits the packet into fragments carrying at most {@code maxFragmentPayload} bytes of the L4
         * part each (rounded down to a multiple of 8), as a router would.
         */
        public List<byte[]> fragments(int maxFragmentPayload) {
            int step = maxFragmentPayload / 8 * 8;
            if (step <= 0) {
                throw new IllegalArgumentException("fragment payload " + maxFragmentPayload + " is below 8 bytes");
            }
            byte[] whole = l4();
            List<byte[]> out = new ArrayList<>();
            for (int off = 0; off < whole.length; off += step) {
                int n = Math.min(step, whole.length - off);
                byte[] part = new byte[n];
                System.arraycopy(whole, off, part, 0, n);
                out.add(frame(part, off, off + n < whole.length, v6));
            }
            return out;
        }

        private byte[] frame(byte[] l4, int fragOff, boolean more, boolean withFragHeader) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(dstMac);
            b.writeBytes(srcMac);
            put16(b, v6 ? ETH_IPV6 : ETH_IPV4);
            if (v6) {
                ByteArrayOutputStream ext = new ByteArrayOutputStream();
                List<byte[]> hs = new ArrayList<>(extHeaders);
                if (withFragHeader) {
                    byte[] fh = new byte[8];
                    fh[0] = 44;
                    fh[2] = (byte) (fragOff >> 8);
                    fh[3] = (byte) ((fragOff & 0xf8) | (more ? 1 : 0));
                    fh[4] = (byte) (id >>> 24);
                    fh[5] = (byte) (id >>> 16);
                    fh[6] = (byte) (id >>> 8);
                    fh[7] = (byte) id;
                    hs.add(fh);
                }
                // Each header's first byte is its own type until here; chain them as next-header values.
                int first = hs.isEmpty() ? proto : hs.get(0)[0] & 0xff;
                for (int i = 0; i < hs.size(); i++) {
                    byte[] h = hs.get(i).clone();
                    h[0] = (byte) (i + 1 < hs.size() ? hs.get(i + 1)[0] : proto);
                    ext.writeBytes(h);
                }
                byte[] e = ext.toByteArray();
                put32(b, (6L << 28) | ((long) (tos & 0xff) << 20));
                put16(b, e.length + l4.length);
                b.write(first);
                b.write(ttl);
                b.writeBytes(src);
                b.writeBytes(dst);
                b.writeBytes(e);
            } else {
                int ihl = 20 + ipv4Options.length;
                byte[] h = new byte[ihl];
                h[0] = (byte) (0x40 | ihl / 4);
                h[1] = (byte) tos;
                int total = ihl + l4.length;
                h[2] = (byte) (total >> 8);
                h[3] = (byte) total;
                h[4] = (byte) (id >> 8);
                h[5] = (byte) id;
                int frag = (fragOff / 8) | (more ? 0x2000 : 0) | (dontFragment ? 0x4000 : 0);
                h[6] = (byte) (frag >> 8);
                h[7] = (byte) frag;
                h[8] = (byte) ttl;
                h[9] = (byte) proto;
                System.arraycopy(src, 0, h, 12, 4);
                System.arraycopy(dst, 0, h, 16, 4);
                System.arraycopy(ipv4Options, 0, h, 20, ipv4Options.length);
                int c = checksum(h, 0, ihl, 0);
                h[10] = (byte) (c >> 8);
                h[11] = (byte) c;
                b.writeBytes(h);
            }
            b.writeBytes(l4);
            while (b.size() < padTo) {
                b.write(0);
            }
            return b.toByteArray();
        }

        private long pseudoHeaderSum(int l4Length) {
            long sum = 0;
            for (byte[] a : new byte[][] {src, dst}) {
                for (int i = 0; i < a.length; i += 2) {
                    sum += ((a[i] & 0xff) << 8) | (a[i + 1] & 0xff);
                }
            }
            return sum + proto + (l4Length & 0xffff) + (l4Length >>> 16);
        }
    }

    /** The Internet checksum (RFC 1071) of {@code len} bytes, starting from {@code initial}. */
    public static int checksum(byte[] b, int off, int len, long initial) {
        long sum = initial;
        for (int i = 0; i + 1 < len; i += 2) {
            sum += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
        }
        if ((len & 1) != 0) {
            sum += (b[off + len - 1] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /** Bytes of a literal IPv4 or IPv6 address. */
    public static byte[] addr(String literal, int len) {
        if (literal.isEmpty() || Character.isLetter(literal.charAt(0)) && literal.indexOf(':') < 0) {
            throw new IllegalArgumentException("not an address literal: \"" + literal + "\"");
        }
        try {
            InetAddress a = InetAddress.getByName(literal); // literals are parsed, never looked up
            if (len == 4 && !(a instanceof Inet4Address) || len == 16 && !(a instanceof Inet6Address)) {
                throw new IllegalArgumentException("\"" + literal + "\" is not an IPv" + (len == 4 ? 4 : 6) + " address");
            }
            return a.getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address \"" + literal + "\"", e);
        }
    }

    /** Bytes of a MAC address {@code 02:00:00:00:00:01}. */
    public static byte[] mac(String m) {
        String[] p = m.split(":");
        if (p.length != 6) {
            throw new IllegalArgumentException("bad MAC address \"" + m + "\"");
        }
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
            out[i] = (byte) Integer.parseInt(p[i], 16);
        }
        return out;
    }

    private static void put16(ByteArrayOutputStream b, int v) {
        b.write(v >> 8);
        b.write(v);
    }

    private static void put32(ByteArrayOutputStream b, long v) {
        b.write((int) (v >>> 24));
        b.write((int) (v >>> 16));
        b.write((int) (v >>> 8));
        b.write((int) v);
    }
}
