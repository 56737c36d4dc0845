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
    void aTornLastRecordIsIgnoredAtEveryCut() throws IOException {
        Journal j = new Journal(file);
        j.append(List.of(record(2, 1, "kept")));
        j.close();
        byte[] whole = Files.readAllBytes(file);
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
        // The size grew but the data never came: zeros.
        Files.write(file, Arrays.copyOf(whole, whole.length + 100));
        assertTrue(Journal.read(file).tornTail());
        assertEquals(1, Journal.read(file).records().size());
    }

    @Test
    void damageBeforeTheLastRecordIsCorruptNotTorn() throws IOException {
        Journal j = new Journal(file);
        j.append(List.of(record(1, 1, "first"), record(1, 2, "second"), record(1, 3, "third")));
        j.close();
        byte[] b = Files.readAllBytes(file);
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
        assertEquals(Files.size(file), j.size());
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
