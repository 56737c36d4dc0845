package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.tables.testing.ExtArgs;
import org.pkttables.tables.testing.Packets;

/** The helper match: no connection has a helper in pkttables, so only the inverted form holds. */
class HelperMatchTypeTest {
    private final HelperMatchType helper = new HelperMatchType();

    private Match compile(String line) {
        return helper.compile(helper.canonicalize(ExtArgs.parse(helper.descriptor(), Family.IPV4, -1, line)));
    }

    private static PacketContext frame() {
        return Packets.ctx4(Packets.ipv4(6, Packets.tcp(1024, 21, 0x02)));
    }

    @Test
    void noConnectionHasAHelper() {
        assertFalse(compile("--helper ftp").matches(frame()));
        assertTrue(compile("! --helper ftp").matches(frame()));
    }

    @Test
    void longNamesAreCutToTwentyNineCharacters() {
        assertEquals("--helper abcdefghijklmnopqrstuvwxyz012", ExtArgs.text(helper.descriptor(),
                ExtArgs.parse(helper.descriptor(), Family.IPV4, -1, "--helper abcdefghijklmnopqrstuvwxyz0123")));
    }

    @Test
    void theNameIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> compile(""));
    }
}
