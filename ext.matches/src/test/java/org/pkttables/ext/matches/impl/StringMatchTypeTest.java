package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.tables.testing.Packets;

class StringMatchTypeTest {
    private final StringMatchType type = new StringMatchType();

    /** IPv4/UDP whose payload is {@code text}; the UDP payload starts 28 bytes after the IP header. */
    private static byte[] frame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] udp = new byte[8 + payload.length];
        System.arraycopy(payload, 0, udp, 8, payload.length);
        return Packets.ipv4(17, udp);
    }

    private Match m(String line) {
        return Compiled.v4(type, line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bm", "kmp"})
    void findsThePatternAnywhereInTheWindow(String algo) {
        PacketContext p = Packets.ctx4(frame("GET /index.html HTTP/1.1"));
        assertTrue(m("--algo " + algo + " --string index").matches(p));
        assertTrue(m("--algo " + algo + " --string GET").matches(p));
        assertTrue(m("--algo " + algo + " --string 1.1").matches(p), "at the very end");
        assertFalse(m("--algo " + algo + " --string HTTP/1.2").matches(p));
        assertFalse(m("--algo " + algo + " --string INDEX").matches(p));
        assertTrue(m("--algo " + algo + " --string INDEX --icase").matches(p));
        assertTrue(m("--algo " + algo + " ! --string nothere").matches(p));
        assertTrue(m("--algo " + algo + " --hex-string |2f696e|").matches(p));
        assertTrue(m("--algo " + algo + " --string aab").matches(Packets.ctx4(frame("aaab"))), "restart after partial");
        assertTrue(m("--algo " + algo + " --string abcabd").matches(Packets.ctx4(frame("abcabcabd"))));
        // "GET" starts at offset 28 from the IP header and ends at 31.
        assertTrue(m("--algo " + algo + " --string GET --from 28 --to 31").matches(p));
        assertFalse(m("--algo " + algo + " --string GET --from 29").matches(p));
        assertFalse(m("--algo " + algo + " --string GET --to 30").matches(p), "the whole pattern must fit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bm", "kmp"})
    void searchesOnlyTheIpPacketOfTheFrame(String algo) {
        byte[] f = frame("abc");
        byte[] padded = java.util.Arrays.copyOf(f, f.length + 10);
        System.arraycopy("xyz".getBytes(StandardCharsets.ISO_8859_1), 0, padded, f.length, 3);
        assertFalse(m("--algo " + algo + " --string xyz").matches(Packets.ctx4(padded)), "link-layer padding");
        assertTrue(m("--algo " + algo + " --string abc").matches(Packets.ctx4(padded)));
        // Cut short: only the bytes present are searched; never a read beyond the frame.
        for (int len = 0; len < f.length; len++) {
            assertFalse(m("--algo " + algo + " --string abc").matches(Packets.ctx4(f, len)), "cut at " + len);
        }
    }

    @Test
    void listsPrintableAsStringElseHex() {
        assertEquals("--string \"AB\" --algo bm", Compiled.listed(type, Family.IPV4, -1, "--algo bm --hex-string |4142|"));
        assertEquals("--hex-string \"|0041|\" --algo kmp --from 2 --icase",
                Compiled.listed(type, Family.IPV4, -1, "--algo kmp --hex-string |00|A --from 2 --to 65535 --icase"));
        assertEquals("! --string \"a\\\"b\\\\c\" --algo bm",
                Compiled.listed(type, Family.IPV4, -1, "--algo bm ! --string 'a\"b\\c'"));
        // The listed (quoted) word reads back to the same pattern.
        assertEquals("--string \"a\\\"b\" --algo bm",
                Compiled.listed(type, Family.IPV4, -1, "--algo bm --string '\"a\\\"b\"'"));
    }

    @Test
    void rejectsBadPatterns() {
        assertThrows(IllegalArgumentException.class, () -> m("--algo bm --hex-string |4|"));
        assertThrows(IllegalArgumentException.class, () -> m("--algo bm --hex-string |41"));
        assertThrows(IllegalArgumentException.class, () -> m("--algo bm --string ''"));
        assertThrows(IllegalArgumentException.class, () -> m("--algo bm --string " + "a".repeat(129)));
        assertThrows(IllegalArgumentException.class, () -> m("--string foo"));
        assertThrows(IllegalArgumentException.class, () -> m("--algo bm --string foo --from 9 --to 8"));
    }
}
