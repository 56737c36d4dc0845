package org.pkttables.control;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

import org.pkttables.api.Family;
import org.pkttables.api.RulesetEvent;

/**
 * The append-only journal file ({@code journal} in the state directory, 0600): one record per committed
 * generation, each {@code MAGIC, length, CRC-32, payload}, the payload being the run and generation of the
 * commit and its ruleset events (type, family, table, chain, position, rule text). A group commit appends
 * its records and fsyncs once. Reading stops at a torn last record (a crash while appending: it was never
 * acknowledged, since acknowledgement follows the fsync) and reports anything else unreadable as corrupt.
 *
 * <p>The file is kept written with zeros ahead of its records ({@link #PREALLOCATE} at a time, synced once
 * with its size): a record overwrites zeros in place, so its fsync is an {@code fdatasync} of data blocks
 * alone, with no size or extent change that would have to wait for the file system's journal commit
 * (which on a disk shared with busy writers costs 10-50 ms). A crash while writing leaves the record torn
 * (partly written, zeros, or blocks written out of order) with no whole record after it: that is what a
 * torn tail is; damage followed by a whole record is corruption.
 */
final class Journal {
    static final String FILE = "journal";
    private static final int MAGIC = JournalRecordWriter.MAGIC;
    private static final int HEADER = JournalRecordWriter.HEADER;

    /** One committed generation of one run (a run is one start of the appliance). */
    record Record(long run, long gen, List<RulesetEvent> events) {
    }

    /**
     * What a journal file holds: its whole records, why reading stopped early (null: it did not), and the
     * byte after the last whole record (where the next one goes).
     */
    record Contents(List<Record> records, String corrupt, boolean tornTail, long end) {
    }

    /** Zeros written ahead of the records at a time. */
    static final int PREALLOCATE = 1 << 20;
    /** The smallest payload of a record: run, generation and the number of events. */
    private static final int MIN_PAYLOAD = 20;

    private final Path file;
    private FileChannel channel;
    /** Where the next record goes (the bytes of whole records). */
    private long size;
    /** The file's size: written zeros from {@link #size} on. */
    private long allocated;

    Journal(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Bytes in the journal file (what this instance appended or rewrote). */
    synchronized long size() {
        return size;
    }

    /** Appends the records and fsyncs the file; when this returns they are on disk. */
    synchronized void append(List<Record> records) throws IOException {
        if (records.isEmpty()) {
            return;
        }
        JournalRecordWriter all = new JournalRecordWriter();
        for (Record r : records) {
            all.record(r);
        }
        ByteBuffer bytes = all.buffer();
        try {
            write(bytes.duplicate());
        } catch (ClosedByInterruptException e) {
            // The writing thread was interrupted (a command leads the group commit on its own thread, and
            // the console or a stop may interrupt it), which closed the channel: the record is written
            // again, in place, through a new one (open() zeroes what the first try left), the interrupt
            // kept for the thread.
            boolean interrupted = Thread.interrupted();
            channel = null;
            try {
                write(bytes.duplicate());
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        size += bytes.remaining();
    }

    /** Writes {@code b} at the end of the journal (consuming it) and fsyncs. */
    private void write(ByteBuffer b) throws IOException {
        if (channel == null) {
            open();
        }
        if (size + b.remaining() > allocated) {
            preallocate(size + b.remaining());
        }
        long at = size;
        while (b.hasRemaining()) {
            at += channel.write(b, at);
        }
        channel.force(false);
    }

    /**
     * Opens the file for writing after its last whole record: a torn tail (never acknowledged) is
     * overwritten with zeros first, so that a shorter record written over it leaves nothing behind.
     */
    private void open() throws IOException {
        boolean existed = Files.exists(file);
        long end = existed ? read(file).end() : 0;
        channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(StateStore.OWNER_ONLY));
        size = end;
        allocated = channel.size();
        if (allocated > end) {
            writeZeros(end, allocated);
            channel.force(false);
        }
        if (!existed) {
            StateStore.syncDirectory(file.toAbsolutePath().getParent());
        }
    }

    /** Writes zeros up to past {@code needed} and syncs the file with its new size. */
    private void preallocate(long needed) throws IOException {
        long to = (needed / PREALLOCATE + 1) * PREALLOCATE;
        writeZeros(allocated, to);
        channel.force(true);
        allocated = to;
    }

    private void writeZeros(long from, long to) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(64 << 10, Math.max(1, to - from)));
        for (long at = from; at < to;) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), to - at));
            at += channel.write(zeros, at);
        }
    }

    /**
     * Replaces the journal with just {@code records} (temp file, fsync, rename, fsync of the directory):
     * called once a checkpoint covers everything else.
     */
    synchronized void rewrite(List<Record> records) throws IOException {
        JournalRecordWriter all = new JournalRecordWriter();
        for (Record r : records) {
            all.record(r);
        }
        if (channel != null) {
            channel.close();
            channel = null;
        }
        StateStore.writeAtomically(file, all.toByteArray());
        size = all.size();
        allocated = size;
    }

    synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    /** One record as the file holds it (header and payload). */
    static byte[] encode(Record r) throws IOException {
        JournalRecordWriter w = new JournalRecordWriter();
        w.record(r);
        return w.toByteArray();
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    /** Reads a journal file (none: no records). */
    static Contents read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new Contents(List.of(), null, false, 0);
        }
        byte[] all = Files.readAllBytes(file);
        List<Record> records = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(all);
        while (b.hasRemaining()) {
            int at = b.position();
            if (zeros(all, at)) {
                // The zeros ahead of the records (or a size that grew without its data): the end.
                return new Contents(records, null, false, at);
            }
            String damage = null;
            if (b.remaining() < HEADER) {
                damage = "a record header cut short";
            } else {
                int magic = b.getInt();
                int length = b.getInt();
                int crc = b.getInt();
                if (magic != MAGIC) {
                    damage = "no journal record";
                } else if (length < MIN_PAYLOAD || length > b.remaining()) {
                    damage = "a journal record of " + length + " bytes";
                } else {
                    byte[] p = new byte[length];
                    b.get(p);
                    CRC32 c = new CRC32();
                    c.update(p);
                    if ((int) c.getValue() != crc) {
                        damage = "a journal record damaged (CRC)";
                    } else {
                        try {
                            records.add(decode(p));
                            continue;
                        } catch (IOException | IllegalArgumentException e) {
                            damage = "a journal record that cannot be read (" + e + ")";
                        }
                    }
                }
            }
            if (!wholeRecordAfter(all, at + 1)) {
                // Torn: a crash while writing the last record, which was never acknowledged.
                return new Contents(records, null, true, at);
            }
            return new Contents(records, file + ": " + damage + " at byte " + at + ", and records follow it", false,
                    at);
        }
        return new Contents(records, null, false, all.length);
    }

    private static boolean zeros(byte[] all, int from) {
        for (int i = from; i < all.length; i++) {
            if (all[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** A whole record (its magic, a length that fits and a matching CRC) starts at {@code from} or later. */
    private static boolean wholeRecordAfter(byte[] all, int from) {
        ByteBuffer b = ByteBuffer.wrap(all);
        for (int at = from; at + HEADER <= all.length; at++) {
            if (b.getInt(at) != MAGIC) {
                continue;
            }
            int length = b.getInt(at + 4);
            if (length < MIN_PAYLOAD || length > all.length - at - HEADER) {
                continue;
            }
            CRC32 c = new CRC32();
            c.update(all, at + HEADER, length);
            if ((int) c.getValue() == b.getInt(at + 8)) {
                return true;
            }
        }
        return false;
    }

    private static Record decode(byte[] p) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(p));
        long run = in.readLong();
        long gen = in.readLong();
        int n = in.readInt();
        List<RulesetEvent> events = new ArrayList<>(Math.min(n, 1 << 16));
        for (int i = 0; i < n; i++) {
            RulesetEvent.Type type = RulesetEvent.Type.valueOf(in.readUTF());
            Family f = Family.of(in.readUTF());
            String table = in.readUTF();
            String chain = readString(in);
            int pos = in.readInt();
            long handle = in.readLong();
            String detail = readString(in);
            events.add(new RulesetEvent(gen, type, f, table, chain, pos, handle, detail));
        }
        if (in.available() != 0) {
            throw new IOException("trailing bytes");
        }
        return new Record(run, gen, events);
    }
}
