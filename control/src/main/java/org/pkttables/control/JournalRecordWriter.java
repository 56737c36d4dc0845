package org.pkttables.control;

import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

import org.pkttables.api.RulesetEvent;

/**
 * Writes {@link Journal} records ({@code MAGIC, length, CRC-32, payload}) one after the other into one
 * growing array, with the bytes {@link java.io.DataOutputStream} would write for the payload (big-endian
 * numbers, {@code writeUTF} for the short names, length and UTF-8 for chain and rule text). A restore of
 * 100k rules is one record of 100k events (~8 MB): written straight into the array, ASCII text a byte per
 * character, no stream, no copy per record.
 */
final class JournalRecordWriter {
    static final int MAGIC = 0x504b544a; // "PKTJ"
    static final int HEADER = 12;

    private byte[] buf = new byte[1 << 16];
    private int size;

    /** Appends one record. */
    void record(Journal.Record r) throws UTFDataFormatException {
        int start = size;
        size += HEADER;
        putLong(r.run());
        putLong(r.gen());
        putInt(r.events().size());
        for (RulesetEvent e : r.events()) {
            putUtf(e.type().name());
            putUtf(e.family().id());
            putUtf(e.table());
            putString(e.chain());
            putInt(e.position());
            putLong(e.handle());
            putString(e.detail());
        }
        int length = size - start - HEADER;
        CRC32 crc = new CRC32();
        crc.update(buf, start + HEADER, length);
        ByteBuffer.wrap(buf, start, HEADER).putInt(MAGIC).putInt(length).putInt((int) crc.getValue());
    }

    int size() {
        return size;
    }

    /** The records written so far (no copy: the buffer is read until the next record). */
    ByteBuffer buffer() {
        return ByteBuffer.wrap(buf, 0, size);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            long want = Math.max((long) buf.length * 2, (long) size + more);
            if (want > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("a journal record over 2 GB");
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    private void putInt(int v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    /** As {@link java.io.DataOutputStream#writeUTF}: an unsigned 16-bit length, then modified UTF-8. */
    private void putUtf(String s) throws UTFDataFormatException {
        int n = s.length();
        int bytes = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            bytes += c >= 1 && c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        if (bytes > 0xffff) {
            throw new UTFDataFormatException("a journal name of " + bytes + " bytes");
        }
        ensure(2 + bytes);
        buf[size++] = (byte) (bytes >>> 8);
        buf[size++] = (byte) bytes;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 1 && c < 0x80) {
                buf[size++] = (byte) c;
            } else if (c < 0x800) {
                buf[size++] = (byte) (0xc0 | c >> 6 & 0x1f);
                buf[size++] = (byte) (0x80 | c & 0x3f);
            } else {
                buf[size++] = (byte) (0xe0 | c >> 12 & 0x0f);
                buf[size++] = (byte) (0x80 | c >> 6 & 0x3f);
                buf[size++] = (byte) (0x80 | c & 0x3f);
            }
        }
    }

    /** Null as length -1; else the UTF-8 length and bytes (ASCII copied a byte per character). */
    private void putString(String s) {
        if (s == null) {
            putInt(-1);
            return;
        }
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (!ascii) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            putInt(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
            return;
        }
        putInt(n);
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[size++] = (byte) s.charAt(i);
        }
    }
}
