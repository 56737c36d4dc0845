package org.pkttables.l3.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IfaceMatchTest {
    @Test
    void exactPrefixAndAny() {
        assertTrue(IfaceMatch.of("eth0").matches("eth0"));
        assertFalse(IfaceMatch.of("eth0").matches("eth01"));
        assertFalse(IfaceMatch.of("eth0").matches(null));
        assertTrue(IfaceMatch.of("eth+").matches("eth12"));
        assertFalse(IfaceMatch.of("eth+").matches("et"));
        assertTrue(IfaceMatch.of("+").matches(null));
        assertTrue(IfaceMatch.of("+").matches("lo"));
    }
}
