package org.pkttables.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rewrites a classic pcap file as pcapng (the format Wireshark's dumpcap writes, which tcpdump here cannot):
 * a big-endian section (the other byte order than the x86 pcap's) with two interfaces of the pcap's link
 * type and snap length (libpcap reads no file whose interfaces differ in them), interface 0 in microseconds and interface 1
 * in nanoseconds ({@code if_tsresol} 9), a name resolution block to skip, the records as Enhanced Packet
 * Blocks with a comment option, alternately on interface 0 and 1. {@code tcpdump -r} reading
 * the result back shows whether it is well-formed.
 */
final class PcapngFromPcap {
    private PcapngFromPcap() {
    }

    static void convert(Path pcap, Path pcapng) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt(0);
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            throw new IOException(pcap + ": not a little-endian pcap file (magic 0x" + Integer.toHexString(magic) + ")");
        }
        boolean nanos = magic == 0xa1b23c4d;
        int linkType = in.getInt(20) & 0x0fffffff;
        try (OutputStream out = Files.newOutputStream(pcapng)) {
            out.write(block(0x0A0D0D0A, buf(16).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1)));
            out.write(block(1, buf(8).putShort((short) linkType).putShort((short) 0).putInt(262144)));
            out.write(block(1, buf(20).putShort((short) linkType).putShort((short) 0).putInt(262144)
                    .putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3]).putInt(0)));
            out.write(block(4, buf(4).putInt(0))); // an empty name resolution block
            int o = 24;
            for (int n = 0; o < in.limit(); n++) {
                long sec = in.getInt(o) & 0xffffffffL;
                long frac = in.getInt(o + 4) & 0xffffffffL;
                int caplen = in.getInt(o + 8);
                int orig = in.getInt(o + 12);
                long ns = sec * 1_000_000_000L + (nanos ? frac : frac * 1000);
                int padded = (caplen + 3) & ~3;
                int iface = n % 2;
                long units = iface == 0 ? ns / 1000 : ns;
                ByteBuffer b = buf(20 + padded + 12).putInt(iface).putInt((int) (units >>> 32)).putInt((int) units)
                        .putInt(caplen).putInt(orig);
                b.put(in.array(), o + 16, caplen).put(new byte[padded - caplen]);
                b.putShort((short) 1).putShort((short) 4).put("pkt!".getBytes()).putInt(0);
                out.write(block(6, b));
                o += 16 + caplen;
            }
        }
    }

    private static ByteBuffer buf(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.BIG_ENDIAN);
    }

    private static byte[] block(int type, ByteBuffer body) {
        int len = 12 + body.capacity();
        return buf(len).putInt(type).putInt(len).put(body.array()).putInt(len).array();
    }
}
