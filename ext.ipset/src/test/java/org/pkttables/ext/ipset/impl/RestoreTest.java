package org.pkttables.ext.ipset.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.ext.ipset.api.ListFormat;
import org.pkttables.ext.ipset.api.SetException;

/** ipset restore is all or nothing, and a saved file restores to the same sets. */
class RestoreTest {
    private final TestClock clock = new TestClock();
    private final SetRegistry sets = new SetRegistry(clock);

    @Test
    void aBadLineRejectsTheWholeFileAndNamesTheLine() {
        sets.create("keep", "hash:ip", List.of(), false);
        sets.add("keep", List.of("1.1.1.1"), false);
        String before = sets.list(null, ListFormat.SAVE);
        String file = "flush keep\nadd keep 2.2.2.2\ncreate fresh hash:net\nadd fresh 10.0.0.0/8\n"
                + "add fresh 10.0.0.0/33\n";
        SetException e = assertThrows(SetException.class, () -> sets.restore(file, false));
        assertEquals("Error in line 5: Syntax error: '33' is out of range 0-32", e.getMessage());
        assertEquals(before, sets.list(null, ListFormat.SAVE));
        assertEquals(List.of("keep"), sets.names());
    }

    @Test
    void blocklistReloadBySwapIsOneStep() {
        sets.create("block", "hash:ip", List.of(), false);
        sets.add("block", List.of("1.1.1.1"), false);
        sets.restore("create block-new hash:ip\nadd block-new 2.2.2.2\nadd block-new 3.3.3.3\n"
                + "swap block-new block\ndestroy block-new\n", false);
        assertEquals(List.of("block"), sets.names());
        assertTrue(sets.test("block", "2.2.2.2"));
        assertTrue(!sets.test("block", "1.1.1.1"));
    }

    @Test
    void addingToALiveSetInARestoreCopiesItFirst() {
        sets.create("t", "hash:ip", List.of("timeout", "100", "counters", "comment"), false);
        sets.add("t", List.of("1.1.1.1", "comment", "a b", "packets", "7"), false);
        sets.restore("add t 2.2.2.2\nrename t u\n", false);
        assertEquals(List.of("u"), sets.names());
        String save = sets.list("u", ListFormat.SAVE);
        assertTrue(save.contains("add u 1.1.1.1 timeout 100 packets 7 bytes 0 comment \"a b\"\n"), save);
        assertTrue(save.contains("add u 2.2.2.2 timeout 100 packets 0 bytes 0\n"), save);
    }

    @Test
    void saveThenRestoreGivesTheSameSets() {
        sets.create("n", "hash:net", List.of("counters", "comment"), false);
        sets.add("n", List.of("10.0.0.0/8", "comment", "rfc 1918"), false);
        sets.add("n", List.of("10.1.0.0/16", "nomatch"), false);
        sets.create("p", "bitmap:port", List.of("range", "0-1023"), false);
        sets.add("p", List.of("22"), false);
        sets.create("l", "list:set", List.of(), false);
        sets.add("l", List.of("p"), false);
        sets.add("l", List.of("n", "before", "p"), false);
        String saved = sets.save(null);
        SetRegistry other = new SetRegistry(clock);
        other.restore(saved, false);
        assertEquals(saved, other.list(null, ListFormat.SAVE));
        assertEquals(List.of("n", "p", "l"), other.names());
    }
}
