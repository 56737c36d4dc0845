package org.pkttables.ext.targets.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Args;
import org.pkttables.tables.testing.ExtArgs;

class MarkTargetTypeTest {
    private final MarkTargetType type = new MarkTargetType();

    private Args canonical(String line) {
        return type.canonicalize(ExtArgs.parse(type.descriptor(), Family.IPV4, -1, line));
    }

    /** The mark after applying {@code line} to a packet marked {@code before}. */
    private int apply(String line, int before) {
        PacketContext p = new PacketContext().reset(new byte[0], 0, 0);
        p.setMark(before);
        assertEquals(Verdict.CONTINUE, type.compile(canonical(line)).apply(p));
        return p.mark();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "--set-mark 5; --set-xmark 0x5/0xffffffff",
        "--set-mark 5/0x3; --set-xmark 0x5/0x7",
        "--and-mark 0xff; --set-xmark 0x0/0xffffff00",
        "--or-mark 0x10; --set-xmark 0x10/0x10",
        "--xor-mark 0x10; --set-xmark 0x10/0x0",
        "--set-xmark 010; --set-xmark 0x8/0xffffffff",
    })
    void listsAsSetXmark(String in, String out) {
        assertEquals(out, ExtArgs.text(type.descriptor(), canonical(in)));
    }

    @Test
    void operationsOnTheMark() {
        assertEquals(0x5, apply("--set-mark 5", 0xff00));
        assertEquals(0xff05, apply("--set-mark 5/0xff", 0xff33));
        assertEquals(0xff03, apply("--set-xmark 0x3/0x0", 0xff00) & 0xffff);
        assertEquals(0x0f, apply("--and-mark 0x0f", 0xff));
        assertEquals(0xfff0, apply("--or-mark 0xf0", 0xff00));
        assertEquals(0xf00f, apply("--xor-mark 0xff", 0xf0f0));
        assertEquals(0xfeedcafe, apply("--set-mark 0xfeedcafe", 0));
        // the canonical form does the same as what was written
        assertEquals(apply("--set-xmark 0x5/0x7", 0x1234), apply("--set-mark 5/0x3", 0x1234));
    }

    @Test
    void exactlyOneOperation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> canonical(""));
        assertTrue(e.getMessage().contains("required"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> canonical("--set-mark 5 --or-mark 3"));
        assertTrue(e.getMessage().contains("--set-mark") && e.getMessage().contains("--or-mark"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> canonical("--and-mark 5/3"));
        assertThrows(IllegalArgumentException.class, () -> canonical("--set-xmark 4294967296"));
    }
}
