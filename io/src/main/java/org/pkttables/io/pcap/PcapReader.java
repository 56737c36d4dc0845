package org.pkttables.io.pcap;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a classic libpcap capture file record by record into one reused buffer, so replaying a file
 * allocates nothing per packet (pcap4j's offline API makes a new array per packet). Both byte orders
 * and both the microsecond and nanosecond variants are accepted; a truncated or hostile file is an
 * {@link IOException} naming the record and what is wrong, never a crash.
 */
public final class PcapReader implements Closeable {
    /** LINKTYPE_ETHERNET. */
    public static final int LINKTYPE_ETHERNET = 1;
    /** LINKTYPE_RAW: packets start with the IP header. */
    public static final int LINKTYPE_RAW = 101;
    private static final int MAX_SNAPLEN = 262144;

    private final InputStream in;
    private final String name;
    private final boolean swapped;
    private final boolean nanos;
    private final int linkType;
    private final int snapLen;
    private final byte[] header = new byte[16];
    private final byte[] buf;
    private long record;
    private int length;
    private int origLength;
    private long timestampNanos;

    public PcapReader(Path file) throws IOException {
        this(new BufferedInputStream(Files.newInputStream(file), 1 << 16), file.toString());
    }

    public PcapReader(InputStream in, String name) throws IOException {
        this.in = in;
        this.name = name;
        byte[] g = new byte[24];
        readFully(g, 24, "file header");
        long magic = be32(g, 0);
        if (magic == 0xa1b2c3d4L || magic == 0xa1b23c4dL) {
            swapped = false;
        } else if (magic == 0xd4c3b2a1L || magic == 0x4d3cb2a1L) {
            swapped = true;
        } else {
            throw new IOException(name + ": not a pcap file (magic 0x" + Long.toHexString(magic)
                    + "; pcapng is not supported, convert with `editcap -F pcap`)");
        }
        nanos = magic == 0xa1b23c4dL || magic == 0x4d3cb2a1L;
        snapLen = (int) Math.min(u32(g, 16), MAX_SNAPLEN);
        linkType = (int) u32(g, 20) & 0x0fffffff;
        if (linkType != LINKTYPE_ETHERNET && linkType != LINKTYPE_RAW) {
            throw new IOException(name + ": link type " + linkType + " not supported (Ethernet or raw IP only)");
        }
        buf = new byte[Math.max(snapLen, 65535) + 16];
    }

    public int linkType() {
        return linkType;
    }

    /** Advances to the next record; false at a clean end of file. */
    public boolean next() throws IOException {
        int n = in.readNBytes(header, 0, 16);
        if (n == 0) {
            return false;
        }
        record++;
        if (n < 16) {
            throw new IOException(name + ": record " + record + ": truncated record header (" + n + " of 16 bytes)");
        }
        long sec = u32(header, 0);
        long frac = u32(header, 4);
        long caplen = u32(header, 8);
        long orig = u32(header, 12);
        if (caplen > buf.length) {
            throw new IOException(name + ": record " + record + ": captured length " + caplen
                    + " exceeds the snap length " + snapLen);
        }
        readFully(buf, (int) caplen, "record " + record + " data (" + caplen + " bytes)");
        length = (int) caplen;
        origLength = (int) Math.min(orig, Integer.MAX_VALUE);
        timestampNanos = sec * 1_000_000_000L + (nanos ? frac : frac * 1000);
        return true;
    }

    /** The current record's bytes, valid until the next call of {@link #next()}. */
    public byte[] buffer() {
        return buf;
    }

    public int length() {
        return length;
    }

    public int originalLength() {
        return origLength;
    }

    public long timestampNanos() {
        return timestampNanos;
    }

    /** 1-based number of the current record. */
    public long record() {
        return record;
    }

    private void readFully(byte[] b, int n, String what) throws IOException {
        int got = in.readNBytes(b, 0, n);
        if (got < n) {
            throw new IOException(name + ": " + what + ": file ends after " + got + " of " + n + " bytes",
                    new EOFException());
        }
    }

    private long u32(byte[] b, int o) {
        long v = be32(b, o);
        return swapped ? Long.reverseBytes(v << 32) & 0xffffffffL : v;
    }

    private static long be32(byte[] b, int o) {
        return ((long) (b[o] & 0xff) << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
