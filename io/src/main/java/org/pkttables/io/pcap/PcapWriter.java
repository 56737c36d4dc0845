package org.pkttables.io.pcap;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a classic libpcap file (microsecond timestamps, little-endian, as tcpdump writes on x86). */
public final class PcapWriter implements Closeable {
    private final OutputStream out;
    private final byte[] header = new byte[16];

    public PcapWriter(Path file, int linkType) throws IOException {
        this(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), linkType);
    }

    public PcapWriter(OutputStream out, int linkType) throws IOException {
        this.out = out;
        byte[] g = new byte[24];
        le32(g, 0, 0xa1b2c3d4L);
        le16(g, 4, 2);
        le16(g, 6, 4);
        le32(g, 16, 262144);
        le32(g, 20, linkType);
        out.write(g);
    }

    /** Appends one packet of {@code length} bytes from {@code buf[offset..]}. */
    public void write(long timestampNanos, byte[] buf, int offset, int length) throws IOException {
        le32(header, 0, timestampNanos / 1_000_000_000L);
        le32(header, 4, (timestampNanos % 1_000_000_000L) / 1000);
        le32(header, 8, length);
        le32(header, 12, length);
        out.write(header);
        out.write(buf, offset, length);
    }

    private static void le32(byte[] b, int o, long v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
        b[o + 2] = (byte) (v >>> 16);
        b[o + 3] = (byte) (v >>> 24);
    }

    private static void le16(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
