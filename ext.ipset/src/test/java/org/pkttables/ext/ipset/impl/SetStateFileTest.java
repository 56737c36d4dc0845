package org.pkttables.ext.ipset.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkttables.ext.ipset.api.ListFormat;

/** The sets survive a restart through ipsets.save in the state directory. */
class SetStateFileTest {
    @TempDir
    Path dir;

    @Test
    void savedOnChangeAndLoadedAtStart() throws Exception {
        TestClock clock = new TestClock();
        SetRegistry first = new SetRegistry(clock);
        SetStateFile state = new SetStateFile(dir, first);
        first.onChange(state::request);
        first.create("block", "hash:ip", List.of("timeout", "600"), false);
        first.add("block", List.of("192.0.2.1"), false);
        first.add("block", List.of("192.0.2.2", "timeout", "0"), false);
        first.create("ports", "bitmap:port", List.of("range", "0-1023"), false);
        first.add("ports", List.of("22"), false);
        state.close();
        assertTrue(Files.isRegularFile(dir.resolve("ipsets.save")));
        assertFalse(Files.exists(dir.resolve(".ipsets.save.tmp")));

        SetRegistry second = new SetRegistry(clock);
        assertNull(new SetStateFile(dir, second).load());
        assertEquals(first.list(null, ListFormat.SAVE), second.list(null, ListFormat.SAVE));
        assertTrue(second.test("block", "192.0.2.1"));
    }

    @Test
    void aFileThatDoesNotLoadIsKeptAside() throws Exception {
        Files.writeString(dir.resolve("ipsets.save"), "create x hash:ip\nadd x not-an-address\n");
        SetRegistry sets = new SetRegistry(new TestClock());
        String problem = new SetStateFile(dir, sets).load();
        assertTrue(problem.contains("Error in line 2"), problem);
        assertEquals(1, rejected().size(), problem);
        assertFalse(Files.exists(dir.resolve("ipsets.save")));
        assertEquals(List.of(), sets.names());

        // A second rejection keeps the first one: each under a name of its own.
        Files.writeString(dir.resolve("ipsets.save"), "create y hash:ip\nadd y nor-this\n");
        assertTrue(new SetStateFile(dir, new SetRegistry(new TestClock())).load().contains("Error in line 2"));
        assertEquals(2, rejected().size());
    }

    @Test
    void aChangingCommandReturnsOnlyOnceTheSetsAreOnDiskOwnerOnly() throws Exception {
        SetRegistry sets = new SetRegistry(new TestClock());
        SetStateFile state = new SetStateFile(dir, sets);
        sets.durability(state::saveNow); // no background writer: only the command's own wait writes
        IpsetCommand ipset = new IpsetCommand(sets);
        assertEquals(0, ipset.run(List.of("create", "ban", "hash:ip"), null).exit());
        assertEquals(0, ipset.run(List.of("add", "ban", "198.51.100.7"), null).exit());
        Path f = dir.resolve("ipsets.save");
        assertTrue(Files.readString(f).contains("add ban 198.51.100.7"), Files.readString(f));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));

        // A failed write is not acknowledged as a success.
        sets.durability(() -> {
            throw new java.io.IOException("disk full");
        });
        var r = ipset.run(List.of("add", "ban", "198.51.100.8"), null);
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("NOT saved to disk: disk full"), r.err());
        // Reading commands do not write.
        assertEquals(0, ipset.run(List.of("list", "-n"), null).exit());
    }

    private List<Path> rejected() throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("ipsets.save.rejected-")).toList();
        }
    }
}
