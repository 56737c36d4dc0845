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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkttables.api.Family;
import org.pkttables.api.RulesetEvent;
import org.pkttables.api.RulesetEvent.Type;

class JournalTest {
    @TempDir
    Path dir;

    private static Journal.Record record(long run, long gen, String comment) {
        return new Journal.Record(run, gen, List.of(
                new RulesetEvent(gen, Type.RULE_ADDED, Family.IPV4, "filter", "INPUT", 3, 7,
                        "-m comment --comment \"" + comment + "\" -j DROP"),
                new RulesetEvent(gen, Type.FLUSH, Family.IPV6, "raw", null, 0, 0, null)));
    }

    @Test
    void appendedRecordsReadBackWholeAndOwnerOnly() throws IOException {
        Path f = dir.resolve("journal");
        Journal j = new Journal(f);
        j.append(List.of(record(1, 4, "a"), record(1, 5, "é ünïcode")));
        j.append(List.of(record(1, 6, "c")));
        j.close();
        Journal.Contents c = Journal.read(f);
        assertNull(c.corrupt());
        assertFalse(c.tornTail());
        assertEquals(List.of(record(1, 4, "a"), record(1, 5, "é ünïcode"), record(1, 6, "c")), c.records());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void aTornLastRecordIsIgnoredAtEveryCut() throws IOException {
        Path f = dir.resolve("journal");
        Journal j = new Journal(f);
        j.append(List.of(record(2, 1, "kept")));
        j.close();
        byte[] whole = Files.readAllBytes(f);
        byte[] last = Journal.encode(record(2, 2, "torn"));
        for (int cut = 1; cut < last.length; cut++) {
            byte[] b = Arrays.copyOf(whole, whole.length + cut);
            System.arraycopy(last, 0, b, whole.length, cut);
            Files.write(f, b);
            Journal.Contents c = Journal.read(f);
            assertNull(c.corrupt(), "cut at " + cut);
            assertTrue(c.tornTail(), "cut at " + cut);
            assertEquals(List.of(record(2, 1, "kept")), c.records(), "cut at " + cut);
        }
        // The size grew but the data never came: zeros.
        Files.write(f, Arrays.copyOf(whole, whole.length + 100));
        assertTrue(Journal.read(f).tornTail());
        assertEquals(1, Journal.read(f).records().size());
    }

    @Test
    void damageBeforeTheLastRecordIsCorruptNotTorn() throws IOException {
        Path f = dir.resolve("journal");
        Journal j = new Journal(f);
        j.append(List.of(record(1, 1, "first"), record(1, 2, "second"), record(1, 3, "third")));
        j.close();
        byte[] b = Files.readAllBytes(f);
        int second = Journal.encode(record(1, 1, "first")).length;
        b[second + 20] ^= 0x55; // inside the second record's payload
        Files.write(f, b);
        Journal.Contents c = Journal.read(f);
        assertNotNull(c.corrupt());
        assertTrue(c.corrupt().contains("byte " + second), c.corrupt());
        assertEquals(1, c.records().size(), "what came before is still read");

        b = Files.readAllBytes(f);
        b[second + 20] ^= 0x55;
        b[second] = 'X'; // no record header where one must be
        Files.write(f, b);
        assertNotNull(Journal.read(f).corrupt());
    }

    @Test
    void rewriteKeepsOnlyTheGivenRecordsAndAppendsGoOnAfterThem() throws IOException {
        Path f = dir.resolve("journal");
        Journal j = new Journal(f);
        j.append(List.of(record(1, 1, "a"), record(1, 2, "b")));
        j.rewrite(List.of(record(1, 2, "b")));
        j.append(List.of(record(1, 3, "c")));
        assertEquals(Files.size(f), j.size());
        j.close();
        assertEquals(List.of(record(1, 2, "b"), record(1, 3, "c")), Journal.read(f).records());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
        Files.write(f, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        assertEquals(List.of(), Journal.read(f).records());
        assertEquals(List.of(), Journal.read(dir.resolve("none")).records());
    }
}
