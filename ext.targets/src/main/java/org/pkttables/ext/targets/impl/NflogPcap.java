package org.pkttables.ext.targets.impl;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A capture file as {@code tcpdump -i nflog:N -w FILE} writes it: classic pcap, link type
 * {@code LINKTYPE_NFLOG} (239), each record the nfnetlink_log message: a 4-byte header (address family,
 * version 0, the group as resource id, big-endian) and TLVs in the writer's byte order (little-endian
 * here, as the file header says), each padded to 4 bytes — {@code NFULA_PACKET_HDR} (the packet's
 * EtherType and hook), {@code NFULA_PREFIX} (the rule's prefix with its NUL) and {@code NFULA_PAYLOAD}
 * (the packet from its IP header, cut to {@code --nflog-size}). tcpdump and Wireshark read it.
 */
final class NflogPcap {
    static final int LINKTYPE_NFLOG = 239;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int NFULA_PACKET_HDR = 1;
    static final int NFULA_PAYLOAD = 9;
    static final int NFULA_PREFIX = 10;
    /** The snapshot length the file header declares (what a record may hold at most). */
    static final int SNAPLEN = 262144;

    private final OutputStream out;
    private final int group;
    private final ByteBuffer record = ByteBuffer.allocate(16 + 4 + 8 + 4 + 256 + 4 + SNAPLEN + 4)
            .order(ByteOrder.LITTLE_ENDIAN);

    NflogPcap(OutputStream out, int group) throws IOException {
        this.out = out;
        this.group = group;
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAPLEN)
                .putInt(LINKTYPE_NFLOG);
        out.write(h.array());
    }

    /** Appends one packet (the payload cut to what the file's snapshot length allows). */
    void write(NflogCapture.Packet p) throws IOException {
        ByteBuffer b = record.clear();
        b.position(16);
        b.put((byte) p.family).put((byte) 0).order(ByteOrder.BIG_ENDIAN).putShort((short) group)
                .order(ByteOrder.LITTLE_ENDIAN);
        tlv(b, NFULA_PACKET_HDR, 4);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) (p.family == AF_INET6 ? 0x86dd : 0x0800))
                .order(ByteOrder.LITTLE_ENDIAN).put((byte) p.hook).put((byte) 0);
        byte[] prefix = p.prefix.getBytes(StandardCharsets.UTF_8);
        int plen = Math.min(prefix.length, 255);
        tlv(b, NFULA_PREFIX, plen + 1);
        b.put(prefix, 0, plen).put((byte) 0);
        pad(b);
        int n = Math.min(p.length, SNAPLEN);
        tlv(b, NFULA_PAYLOAD, n);
        b.put(p.data, 0, n);
        pad(b);
        int len = b.position() - 16;
        // the whole message is what a record holds; its original length counts the payload's cut bytes
        int orig = len + (p.originalLength - n);
        b.putInt(0, (int) (p.timeMillis / 1000)).putInt(4, (int) (p.timeMillis % 1000) * 1000).putInt(8, len)
                .putInt(12, orig);
        out.write(b.array(), 0, b.position());
    }

    private static void tlv(ByteBuffer b, int type, int valueLength) {
        b.putShort((short) (4 + valueLength)).putShort((short) type);
    }

    private static void pad(ByteBuffer b) {
        while ((b.position() & 3) != 0) {
            b.put((byte) 0);
        }
    }

    void flush() throws IOException {
        out.flush();
    }
}
