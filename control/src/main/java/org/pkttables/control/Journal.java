package org.pkttables.control;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
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
 */
final class Journal {
    static final String FILE = "journal";
    private static final int MAGIC = 0x504b544a; // "PKTJ"
    private static final int HEADER = 12;

    /** One committed generation of one run (a run is one start of the appliance). */
    record Record(long run, long gen, List<RulesetEvent> events) {
    }

    /** What a journal file holds: its whole records, and why reading stopped early (null: it did not). */
    record Contents(List<Record> records, String corrupt, boolean tornTail) {
    }

    private final Path file;
    private FileChannel channel;
    private long size;

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
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Record r : records) {
            all.write(encode(r));
        }
        if (channel == null) {
            boolean existed = Files.exists(file);
            channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND), PosixFilePermissions.asFileAttribute(StateStore.OWNER_ONLY));
            size = channel.size();
            if (!existed) {
                StateStore.syncDirectory(file.toAbsolutePath().getParent());
            }
        }
        ByteBuffer b = ByteBuffer.wrap(all.toByteArray());
        while (b.hasRemaining()) {
            channel.write(b);
        }
        channel.force(false);
        size += all.size();
    }

    /**
     * Replaces the journal with just {@code records} (temp file, fsync, rename, fsync of the directory):
     * called once a checkpoint covers everything else.
     */
    synchronized void rewrite(List<Record> records) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Record r : records) {
            all.write(encode(r));
        }
        if (channel != null) {
            channel.close();
            channel = null;
        }
        StateStore.writeAtomically(file, all.toByteArray());
        size = all.size();
    }

    synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    static byte[] encode(Record r) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(payload);
        out.writeLong(r.run());
        out.writeLong(r.gen());
        out.writeInt(r.events().size());
        for (RulesetEvent e : r.events()) {
            out.writeUTF(e.type().name());
            out.writeUTF(e.family().id());
            out.writeUTF(e.table());
            writeString(out, e.chain());
            out.writeInt(e.position());
            out.writeLong(e.handle());
            writeString(out, e.detail());
        }
        out.flush();
        byte[] p = payload.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(p);
        ByteBuffer b = ByteBuffer.allocate(HEADER + p.length);
        b.putInt(MAGIC).putInt(p.length).putInt((int) crc.getValue()).put(p);
        return b.array();
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
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
            return new Contents(List.of(), null, false);
        }
        byte[] all = Files.readAllBytes(file);
        List<Record> records = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(all);
        while (b.hasRemaining()) {
            int at = b.position();
            if (b.remaining() < HEADER) {
                return new Contents(records, null, true);
            }
            int magic = b.getInt();
            int length = b.getInt();
            int crc = b.getInt();
            if (magic != MAGIC) {
                if (zeros(all, at)) {
                    return new Contents(records, null, true); // the size grew, the data never came
                }
                return new Contents(records, file + ": no journal record at byte " + at, false);
            }
            if (length < 0 || length > b.remaining()) {
                return new Contents(records, null, true);
            }
            byte[] p = new byte[length];
            b.get(p);
            CRC32 c = new CRC32();
            c.update(p);
            if ((int) c.getValue() != crc) {
                if (!b.hasRemaining()) {
                    return new Contents(records, null, true);
                }
                return new Contents(records, file + ": journal record at byte " + at + " is damaged (CRC) and "
                        + "records follow it", false);
            }
            try {
                records.add(decode(p));
            } catch (IOException | IllegalArgumentException e) {
                return new Contents(records, file + ": journal record at byte " + at + " cannot be read: " + e,
                        false);
            }
        }
        return new Contents(records, null, false);
    }

    private static boolean zeros(byte[] all, int from) {
        for (int i = from; i < all.length; i++) {
            if (all[i] != 0) {
                return false;
            }
        }
        return true;
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
