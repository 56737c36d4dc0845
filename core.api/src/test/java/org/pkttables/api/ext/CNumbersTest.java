package org.pkttables.api.ext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CNumbersTest {
    @Test
    void readsLikeStrtoulWithBase0() {
        assertEquals(8, CNumbers.parse("010", 255));
        assertEquals(22, CNumbers.parse("0x16", 255));
        assertEquals(22, CNumbers.parse("+22", 255));
        assertEquals(-1, CNumbers.parse("256", 255));
        assertEquals(-1, CNumbers.parse("8", 7));
        assertEquals(7, CNumbers.parse("7", 7));
        assertEquals(0, CNumbers.parse("0", 0));
        assertEquals(-1, CNumbers.parse("1", 0));
        assertEquals(-1, CNumbers.parse("-1", 255));
        assertEquals(22, CNumbers.parseDecimal("022", 255));
    }

    @Test
    void hugeNumbersDoNotWrapAround() {
        // 2^64 used to wrap to 0 and be accepted as a valid small value.
        assertEquals(-1, CNumbers.parse("18446744073709551616", Long.MAX_VALUE));
        assertEquals(-1, CNumbers.parse("9223372036854775808", Long.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, CNumbers.parse("9223372036854775807", Long.MAX_VALUE));
        assertEquals(-1, CNumbers.parse("0x10000000000000000", Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class,
                () -> ParamTypes.uint(0, 255).parse(java.util.List.of("18446744073709551616")));
    }
}
