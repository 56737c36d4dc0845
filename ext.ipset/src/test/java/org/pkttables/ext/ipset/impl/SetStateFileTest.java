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
        assertTrue(Files.isRegularFile(dir.resolve("ipsets.save.rejected")));
        assertFalse(Files.exists(dir.resolve("ipsets.save")));
        assertEquals(List.of(), sets.names());
    }
}
