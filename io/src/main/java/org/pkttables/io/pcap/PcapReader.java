package org.pkttables.io.pcap;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a capture file record by record into one reused buffer, so replaying a file allocates nothing
 * per packet (pcap4j's offline API makes a new array per packet). Two formats, told apart by their first
 * bytes:
 * <ul>
 * <li>classic libpcap files, both byte orders, microsecond and nanosecond variants;
 * <li>pcapng (what Wireshark and dumpcap write): Section Header, Interface Description, Enhanced, Simple
 * and (obsolete) Packet Blocks, every section in its own byte order, any number of interfaces each with
 * its link type and timestamp resolution; other blocks (name resolution, statistics, custom) are skipped.
 * </ul>
 * The link types read are Ethernet, raw IP, and the Linux cooked captures {@code tcpdump -i any} writes
 * (LINKTYPE_LINUX_SLL and LINUX_SLL2): a cooked record is handed out as the Ethernet frame it stands for
 * ({@link CookedHeader}), so {@link #linkType()} is then Ethernet. In pcapng the link type is the current
 * record's interface's ({@link #linkType()} before the first record: the first interface's). A truncated or
 * hostile file is an {@link IOException} naming the record (or block) and what is wrong, never a crash.
 */
public final class PcapReader implements Closeable {
    /** LINKTYPE_ETHERNET. */
    public static final int LINKTYPE_ETHERNET = 1;
    /** LINKTYPE_RAW: packets start with the IP header. */
    public static final int LINKTYPE_RAW = 101;
    /** LINKTYPE_LINUX_SLL: Linux cooked capture v1 ({@code tcpdump -i any}). */
    public static final int LINKTYPE_LINUX_SLL = 113;
    /** LINKTYPE_LINUX_SLL2: Linux cooked capture v2 ({@code tcpdump -i any -y LINUX_SLL2}). */
    public static final int LINKTYPE_LINUX_SLL2 = 276;

    private static final int MAX_SNAPLEN = 262144;
    private static final long SHB = 0x0A0D0D0AL;
    private static final int IDB = 1;
    private static final int PB = 2;
    private static final int SPB = 3;
    private static final int EPB = 6;
    private static final long BYTE_ORDER_MAGIC = 0x1A2B3C4DL;
    /** The largest block read whole (an interface's description with its options). */
    private static final int MAX_BLOCK = MAX_SNAPLEN + 4096;

    private final InputStream in;
    private final String name;
    private final boolean pcapng;
    private boolean swapped;
    private boolean nanos;
    private int fileLinkType;
    private int snapLen;
    private final PcapngInterfaces interfaces = new PcapngInterfaces();
    private final byte[] header = new byte[28];
    private final byte[] cooked = new byte[CookedHeader.SLL2_LENGTH];
    private final byte[] buf;
    private long record;
    private long block;
    /** pcapng: the block being read holds a packet (messages then name the record). */
    private boolean packetBlock;
    private int linkType;
    private int length;
    private int origLength;
    private long timestampNanos;

    public PcapReader(Path file) throws IOException {
        this(new BufferedInputStream(Files.newInputStream(file), 1 << 16), file.toString());
    }

    public PcapReader(InputStream in, String name) throws IOException {
        this.in = in;
        this.name = name;
        readFully(header, 4, "file header");
        long magic = be32(header, 0);
        if (magic == SHB) {
            pcapng = true;
            buf = new byte[MAX_BLOCK + 16];
            block++;
            readFully(header, 4, 4, "section header");
            sectionHeader();
            firstInterface();
            return;
        }
        pcapng = false;
        readFully(header, 4, 20, "file header");
        if (magic == 0xa1b2c3d4L || magic == 0xa1b23c4dL) {
            swapped = false;
        } else if (magic == 0xd4c3b2a1L || magic == 0x4d3cb2a1L) {
            swapped = true;
        } else {
            throw new IOException(name + ": not a pcap file (magic 0x" + Long.toHexString(magic)
                    + "; neither libpcap's nor pcapng's)");
        }
        nanos = magic == 0xa1b23c4dL || magic == 0x4d3cb2a1L;
        snapLen = (int) Math.min(u32(header, 16), MAX_SNAPLEN);
        fileLinkType = (int) u32(header, 20) & 0x0fffffff;
        if (!supported(fileLinkType)) {
            throw new IOException(name + ": file header: " + unsupported(fileLinkType));
        }
        linkType = handedOut(fileLinkType);
        buf = new byte[Math.max(snapLen, 65535) + 16];
    }

    /** The current record's link type (Ethernet for a cooked capture); before the first, the file's first. */
    public int linkType() {
        return linkType;
    }

    /** Advances to the next record; false at a clean end of file. */
    public boolean next() throws IOException {
        return pcapng ? nextBlock() : nextRecord();
    }

    private boolean nextRecord() throws IOException {
        int n = in.readNBytes(header, 0, 16);
        if (n == 0) {
            return false;
        }
        record++;
        if (n < 16) {
            throw new IOException(name + ": " + here() + "truncated record header (" + n + " of 16 bytes)");
        }
        long sec = u32(header, 0);
        long frac = u32(header, 4);
        long caplen = u32(header, 8);
        long orig = u32(header, 12);
        if (caplen > buf.length - 16) {
            throw new IOException(name + ": " + here() + "captured length " + caplen
                    + " exceeds the snap length " + snapLen);
        }
        frame(fileLinkType, (int) caplen);
        origLength = (int) Math.min(orig, Integer.MAX_VALUE);
        timestampNanos = sec * 1_000_000_000L + (nanos ? frac : frac * 1000);
        return true;
    }

    /** pcapng: reads blocks until a packet's, handling the section and interface blocks on the way. */
    private boolean nextBlock() throws IOException {
        for (;;) {
            int n = in.readNBytes(header, 0, 8);
            if (n == 0) {
                return false;
            }
            block++;
            packetBlock = false;
            if (n < 8) {
                throw new IOException(name + ": " + here() + "truncated block header (" + n + " of 8 bytes)");
            }
            long type = u32(header, 0);
            if (type == SHB) {
                sectionHeader();
                continue;
            }
            int body = bodyLength(type);
            if (type == EPB || type == PB) {
                packet(type, body);
                return true;
            }
            if (type == SPB) {
                simplePacket(body);
                return true;
            }
            if (type == IDB) {
                interfaceDescription(body);
            } else {
                skip(body, "body");
            }
            trailer(body);
        }
    }

    /** The body length of the block whose type and total length are in {@code header[0..8)}. */
    private int bodyLength(long type) throws IOException {
        long total = u32(header, 4);
        if (total < 12 || total % 4 != 0 || total - 12 > MAX_BLOCK) {
            throw new IOException(name + ": " + here() + "(type 0x" + Long.toHexString(type) + ") length "
                    + total + " is not a multiple of 4 from 12 to " + (MAX_BLOCK + 12));
        }
        return (int) total - 12;
    }

    /**
     * A Section Header Block whose type and length are in {@code header[0..8)} (the length in the byte order
     * the magic after it tells): the byte order; no interfaces yet.
     */
    private void sectionHeader() throws IOException {
        packetBlock = false;
        readFully(header, 8, 4, "section header");
        long magic = be32(header, 8);
        if (magic == BYTE_ORDER_MAGIC) {
            swapped = false;
        } else if (magic == Long.reverseBytes(BYTE_ORDER_MAGIC << 32)) {
            swapped = true;
        } else {
            throw new IOException(name + ": " + here() + "not a pcapng section header (byte-order magic 0x"
                    + Long.toHexString(magic) + ")");
        }
        long total = u32(header, 4);
        if (total < 28 || total % 4 != 0 || total > MAX_BLOCK) {
            throw new IOException(name + ": " + here() + "section header length " + total
                    + " is not a multiple of 4 from 28 to " + MAX_BLOCK);
        }
        skip((int) total - 12, "section header");
        interfaces.clear();
    }

    /** Reads blocks up to the first interface description, so {@link #linkType()} has a value. */
    private void firstInterface() throws IOException {
        while (interfaces.count() == 0) {
            int n = in.readNBytes(header, 0, 8);
            if (n == 0) {
                linkType = LINKTYPE_ETHERNET; // an empty capture
                return;
            }
            block++;
            if (n < 8) {
                throw new IOException(name + ": " + here() + "truncated block header (" + n + " of 8 bytes)");
            }
            long type = u32(header, 0);
            if (type == SHB) {
                sectionHeader();
                continue;
            }
            int body = bodyLength(type);
            if (type == EPB || type == PB || type == SPB) {
                throw new IOException(name + ": " + here() + "a packet before any interface description");
            }
            if (type == IDB) {
                interfaceDescription(body);
            } else {
                skip(body, "body");
            }
            trailer(body);
        }
        linkType = handedOut(interfaces.linkType(0));
    }

    /** An Interface Description Block's body: link type, snap length, options (if_tsresol). */
    private void interfaceDescription(int body) throws IOException {
        if (body < 8) {
            throw new IOException(name + ": " + here() + "interface description of " + body + " bytes, not at least 8");
        }
        readFully(buf, body, "interface description");
        int type = u16(buf, 0);
        long snap = u32(buf, 4);
        int resolution = 6;
        for (int o = 8; o + 4 <= body;) {
            int code = u16(buf, o);
            int len = u16(buf, o + 2);
            if (code == 0) {
                break;
            }
            if (o + 4 + len > body) {
                throw new IOException(name + ": " + here() + "interface option " + code + " of " + len + " bytes runs past the block");
            }
            if (code == 9 && len >= 1) {
                int r = buf[o + 4] & 0xff;
                resolution = (r & 0x80) == 0 ? r : -(r & 0x7f);
            }
            o += 4 + ((len + 3) & ~3);
        }
        interfaces.add(type, snap == 0 || snap > MAX_SNAPLEN ? MAX_SNAPLEN : (int) snap, resolution);
    }

    /** An Enhanced (or obsolete) Packet Block's body. */
    private void packet(long type, int body) throws IOException {
        record++;
        packetBlock = true;
        if (body < 20) {
            throw new IOException(name + ": " + here() + "packet block body of " + body + " bytes, not at least 20");
        }
        readFully(header, 8, 20, "packet block header");
        int iface = type == EPB ? (int) Math.min(u32(header, 8), Integer.MAX_VALUE) : u16(header, 8);
        long units = u32(header, 12) << 32 | u32(header, 16);
        long caplen = u32(header, 20);
        long orig = u32(header, 24);
        iface(iface);
        if (caplen > body - 20 || caplen > MAX_SNAPLEN) {
            throw new IOException(name + ": " + here() + "captured length " + caplen + " exceeds the block ("
                    + (body - 20) + " bytes) or the snap length " + MAX_SNAPLEN);
        }
        frame(interfaces.linkType(iface), (int) caplen);
        skip(body - 20 - (int) caplen, "options");
        trailer(body);
        origLength = (int) Math.min(orig, Integer.MAX_VALUE);
        timestampNanos = interfaces.nanos(iface, units);
    }

    /** A Simple Packet Block's body: interface 0, no timestamp. */
    private void simplePacket(int body) throws IOException {
        record++;
        packetBlock = true;
        if (body < 4) {
            throw new IOException(name + ": " + here() + "simple packet block body of " + body + " bytes, not at least 4");
        }
        readFully(header, 8, 4, "simple packet block header");
        long orig = u32(header, 8);
        iface(0);
        int caplen = (int) Math.min(Math.min(orig, body - 4), interfaces.snapLen(0));
        frame(interfaces.linkType(0), caplen);
        skip(body - 4 - caplen, "padding");
        trailer(body);
        origLength = (int) Math.min(orig, Integer.MAX_VALUE);
        timestampNanos = 0;
    }

    private void iface(int iface) throws IOException {
        if (iface < 0 || iface >= interfaces.count()) {
            throw new IOException(name + ": " + here() + "interface " + iface + " is not described (the section has "
                    + interfaces.count() + ")");
        }
        int type = interfaces.linkType(iface);
        if (!supported(type)) {
            throw new IOException(name + ": " + here() + "interface " + iface + ": " + unsupported(type));
        }
    }

    /** The block's closing length, which must repeat the opening one. */
    private void trailer(int body) throws IOException {
        readFully(header, 12, 4, "block trailer");
        if (u32(header, 12) != body + 12L) {
            throw new IOException(name + ": " + here() + "closing length " + u32(header, 12)
                    + " differs from the opening " + (body + 12));
        }
    }

    /**
     * Reads {@code caplen} bytes of a record of {@code type} into {@link #buf}: as they are, or (a cooked
     * capture) as the Ethernet frame its header stands for.
     */
    private void frame(int type, int caplen) throws IOException {
        if (type == LINKTYPE_LINUX_SLL || type == LINKTYPE_LINUX_SLL2) {
            int h = CookedHeader.length(type);
            if (caplen < h) {
                throw new IOException(name + ": " + here() + caplen + " bytes, shorter than the "
                        + (type == LINKTYPE_LINUX_SLL ? "LINUX_SLL" : "LINUX_SLL2") + " header (" + h + ")");
            }
            readFully(cooked, h, "cooked header");
            readFully(buf, 14, caplen - h, "data");
            CookedHeader.toEthernet(type, cooked, buf);
            length = caplen - h + 14;
            linkType = LINKTYPE_ETHERNET;
        } else {
            readFully(buf, caplen, "data");
            length = caplen;
            linkType = type;
        }
    }

    private static boolean supported(int type) {
        return type == LINKTYPE_ETHERNET || type == LINKTYPE_RAW || type == LINKTYPE_LINUX_SLL
                || type == LINKTYPE_LINUX_SLL2;
    }

    private static String unsupported(int type) {
        return "link type " + type + " not supported (Ethernet, raw IP, LINUX_SLL or LINUX_SLL2)";
    }

    /** Where the reader is, for a message: {@code record 3: }, {@code record 3 (block 5): }, {@code block 2: }. */
    private String here() {
        if (!pcapng) {
            return record == 0 ? "" : "record " + record + ": ";
        }
        return packetBlock ? "record " + record + " (block " + block + "): " : block == 0 ? "" : "block " + block + ": ";
    }

    private static int handedOut(int type) {
        return type == LINKTYPE_LINUX_SLL || type == LINKTYPE_LINUX_SLL2 ? LINKTYPE_ETHERNET : type;
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
        readFully(b, 0, n, what);
    }

    private void readFully(byte[] b, int off, int n, String what) throws IOException {
        int got = in.readNBytes(b, off, n);
        if (got < n) {
            throw new IOException(name + ": " + here() + what + ": file ends after " + got + " of " + n + " bytes",
                    new EOFException());
        }
    }

    private void skip(int n, String what) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new IOException(name + ": " + here() + what + ": file ends " + left + " bytes early",
                            new EOFException());
                }
                s = 1;
            }
            left -= s;
        }
    }

    private long u32(byte[] b, int o) {
        long v = be32(b, o);
        return swapped ? Long.reverseBytes(v << 32) & 0xffffffffL : v;
    }

    private int u16(byte[] b, int o) {
        int v = (b[o] & 0xff) << 8 | (b[o + 1] & 0xff);
        return swapped ? Integer.reverseBytes(v << 16) & 0xffff : v;
    }

    private static long be32(byte[] b, int o) {
        return ((long) (b[o] & 0xff) << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
