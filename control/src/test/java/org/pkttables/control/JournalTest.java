package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkttables.api.Family;
import org.pkttables.api.RulesetEvent;
import org.pkttables.api.RulesetEvent.Type;

class JournalTest {
    @TempDir
    Path dir;
    /** The journal's file, in {@link #dir}. */
    private Path file;

    @BeforeEach
    void journalFile() {
        file = dir.resolve("journal");
    }

    private static Journal.Record record(long run, long gen, String comment) {
        return new Journal.Record(run, gen, List.of(
                new RulesetEvent(gen, Type.RULE_ADDED, Family.IPV4, "filter", "INPUT", 3, 7,
                        "-m comment --comment \"" + comment + "\" -j DROP"),
                new RulesetEvent(gen, Type.FLUSH, Family.IPV6, "raw", null, 0, 0, null)));
    }

    /** The payload as the journal's first format wrote it, with a DataOutputStream (journals on disk hold it). */
    private static byte[] dataOutputPayload(Journal.Record r) throws IOException {
        java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(payload);
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
        return payload.toByteArray();
    }

    private static void writeString(java.io.DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    @Test
    void recordsAreWrittenByteForByteAsTheFirstFormatWithAValidHeader() throws IOException {
        // Names and texts beyond ASCII: 2- and 3-byte characters, a supplementary one (a surrogate pair), NUL.
        Journal.Record r = new Journal.Record(3, 9, List.of(
                new RulesetEvent(9, Type.RULE_ADDED, Family.IPV4, "filter", "ch\u00e9\u20ac", 1, 42,
                        "-m comment --comment \"\ud83d\ude00 \u00fc\u0000x\" -j ACCEPT"),
                new RulesetEvent(9, Type.CHAIN_ADDED, Family.IPV6, "t\u00e4ble\u0000", "c", 0, 0, null),
                new RulesetEvent(9, Type.FLUSH, Family.IPV4, "raw", null, 0, 0, "table reset")));
        byte[] want = dataOutputPayload(r);
        byte[] got = Journal.encode(r);
        assertEquals(want.length + 12, got.length);
        java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(got);
        assertEquals(0x504b544a, h.getInt());
        assertEquals(want.length, h.getInt());
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(want);
        assertEquals((int) crc.getValue(), h.getInt());
        assertTrue(Arrays.equals(want, Arrays.copyOfRange(got, 12, got.length)));
        Journal j = new Journal(file);
        j.append(List.of(r, record(3, 10, "next")));
        j.close();
        assertEquals(List.of(r, record(3, 10, "next")), Journal.read(file).records());
    }

    @Test
    void appendedRecordsReadBackWholeAndOwnerOnly() throws IOException {
        Journal j = new Journal(file);
        j.append(List.of(record(1, 4, "a"), record(1, 5, "é ünïcode")));
        j.append(List.of(record(1, 6, "c")));
        j.close();
        Journal.Contents c = Journal.read(file);
        assertNull(c.corrupt());
        assertFalse(c.tornTail());
        assertEquals(List.of(record(1, 4, "a"), record(1, 5, "é ünïcode"), record(1, 6, "c")), c.records());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void anInterruptOfTheWritingThreadNeitherLosesTheRecordNorTheInterrupt() throws IOException {
        Journal j = new Journal(file);
        j.append(List.of(record(1, 4, "a")));
        // A command leading the group commit is interrupted: its channel write fails and closes the channel.
        Thread.currentThread().interrupt();
        try {
            j.append(List.of(record(1, 5, "b")));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the thread");
        } finally {
            Thread.interrupted();
        }
        j.append(List.of(record(1, 6, "c")));
        j.close();
        Journal.Contents c = Journal.read(file);
        assertNull(c.corrupt());
        assertFalse(c.tornTail());
        assertEquals(List.of(record(1, 4, "a"), record(1, 5, "b"), record(1, 6, "c")), c.records());
    }

    @Test
    void aTornLastRecordIsIgnoredAtEveryCut() throws IOException {
        Journal j = new Journal(file);
        j.append(List.of(record(2, 1, "kept")));
        j.close();
        byte[] whole = Arrays.copyOf(Files.readAllBytes(file), (int) j.size()); // without the zeros ahead
        byte[] last = Journal.encode(record(2, 2, "torn"));
        for (int cut = 1; cut < last.length; cut++) {
            byte[] b = Arrays.copyOf(whole, whole.length + cut);
            System.arraycopy(last, 0, b, whole.length, cut);
            Files.write(file, b);
            Journal.Contents c = Journal.read(file);
            assertNull(c.corrupt(), "cut at " + cut);
            assertTrue(c.tornTail(), "cut at " + cut);
            assertEquals(List.of(record(2, 1, "kept")), c.records(), "cut at " + cut);
        }
        // Zeros after the records: the space written ahead of them (or a size that grew without its data).
        Files.write(file, Arrays.copyOf(whole, whole.length + 100));
        assertFalse(Journal.read(file).tornTail());
        assertNull(Journal.read(file).corrupt());
        assertEquals(1, Journal.read(file).records().size());
        // A record torn into the zeros ahead (written partly, or its blocks out of order): torn, not corrupt.
        for (int cut = 1; cut < last.length; cut++) {
            for (boolean head : new boolean[] { true, false }) {
                byte[] b = Arrays.copyOf(whole, whole.length + last.length + 100);
                if (head) {
                    System.arraycopy(last, 0, b, whole.length, cut);
                } else {
                    System.arraycopy(last, cut, b, whole.length + cut, last.length - cut);
                }
                Files.write(file, b);
                Journal.Contents c = Journal.read(file);
                assertNull(c.corrupt(), "cut at " + cut + (head ? ", head written" : ", tail written"));
                assertTrue(c.tornTail(), "cut at " + cut);
                assertEquals(List.of(record(2, 1, "kept")), c.records(), "cut at " + cut);
                assertEquals(whole.length, c.end());
            }
        }
    }

    @Test
    void appendsOverwriteTheZerosAheadAndATornTailIsOverwritten() throws IOException {
        Journal j = new Journal(file);
        j.append(List.of(record(1, 1, "a")));
        long one = j.size();
        assertEquals(Journal.encode(record(1, 1, "a")).length, one);
        assertEquals(Journal.PREALLOCATE, Files.size(file), "zeros written ahead");
        j.append(List.of(record(1, 2, "b")));
        assertEquals(Journal.PREALLOCATE, Files.size(file), "the second record overwrites zeros");
        j.close();
        // A torn record after them (a crash), longer than what comes next: a new run overwrites it whole.
        byte[] b = Files.readAllBytes(file);
        byte[] torn = Journal.encode(record(1, 3, "a long record that was never finished"));
        System.arraycopy(torn, 0, b, (int) j.size(), torn.length - 5);
        Files.write(file, b);
        assertTrue(Journal.read(file).tornTail());
        Journal again = new Journal(file);
        again.append(List.of(record(2, 1, "c")));
        again.close();
        Journal.Contents c = Journal.read(file);
        assertNull(c.corrupt());
        assertFalse(c.tornTail());
        assertEquals(List.of(record(1, 1, "a"), record(1, 2, "b"), record(2, 1, "c")), c.records());
        // Records spanning the space written ahead: more is written, the file grows by whole steps.
        Journal big = new Journal(file);
        List<Journal.Record> many = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            many.add(record(3, i, "x".repeat(400)));
        }
        big.append(many);
        big.close();
        assertEquals(0, Files.size(file) % Journal.PREALLOCATE);
        assertEquals(3003, Journal.read(file).records().size());
    }

    @Test
    void damageBeforeTheLastRecordIsCorruptNotTorn() throws IOException {
        Journal j = new Journal(file);
        j.append(List.of(record(1, 1, "first"), record(1, 2, "second"), record(1, 3, "third")));
        j.close();
        byte[] b = Arrays.copyOf(Files.readAllBytes(file), (int) j.size());
        int second = Journal.encode(record(1, 1, "first")).length;
        b[second + 20] ^= 0x55; // inside the second record's payload
        Files.write(file, b);
        Journal.Contents c = Journal.read(file);
        assertNotNull(c.corrupt());
        assertTrue(c.corrupt().contains("byte " + second), c.corrupt());
        assertEquals(1, c.records().size(), "what came before is still read");

        b = Files.readAllBytes(file);
        b[second + 20] ^= 0x55;
        b[second] = 'X'; // no record header where one must be
        Files.write(file, b);
        assertNotNull(Journal.read(file).corrupt());
    }

    @Test
    void rewriteKeepsOnlyTheGivenRecordsAndAppendsGoOnAfterThem() throws IOException {
        Journal j = new Journal(file);
        j.append(List.of(record(1, 1, "a"), record(1, 2, "b")));
        j.rewrite(List.of(record(1, 2, "b")));
        j.append(List.of(record(1, 3, "c")));
        assertEquals(Journal.read(file).end(), j.size());
        j.close();
        assertEquals(List.of(record(1, 2, "b"), record(1, 3, "c")), Journal.read(file).records());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
        Files.write(file, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        assertEquals(List.of(), Journal.read(file).records());
        assertEquals(List.of(), Journal.read(dir.resolve("none")).records());
    }
}
