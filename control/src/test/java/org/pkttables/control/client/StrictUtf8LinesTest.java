package org.pkttables.control.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrictUtf8LinesTest {
    @TempDir
    Path dir;

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    @Test
    void utf8IsDecodedAsItIs() throws IOException {
        String text = "*filter\n-A INPUT -m comment --comment \"caf\u00e9 \u2603 \ud83d\udd25\" -j DROP\nCOMMIT\n";
        assertEquals(text, StrictUtf8Lines.decode("x", text.getBytes(StandardCharsets.UTF_8)));
        Path f = dir.resolve("rules.v4");
        Files.writeString(f, text);
        assertEquals(text, StrictUtf8Lines.read(f));
    }

    @Test
    void aLatin1ByteIsRefusedNamingFileLineAndColumn() throws IOException {
        Path f = dir.resolve("rules.v4");
        Files.write(f, "ab\ncd\u00e9f\n".getBytes(StandardCharsets.ISO_8859_1));
        MalformedUtf8Exception e = assertThrows(MalformedUtf8Exception.class, () -> StrictUtf8Lines.read(f));
        assertEquals(f + ": line 2, column 3 (byte offset 5): not UTF-8 (byte 0xe9); save the file as UTF-8",
                e.getMessage());
        assertEquals(2, e.line());
        assertEquals(3, e.column());
        assertEquals(5, e.offset());
    }

    @Test
    void truncatedOverlongAndSurrogateSequencesAreRefused() {
        // A 3-byte sequence cut short at the end, an overlong '/', an encoded surrogate (CESU-8).
        for (byte[] bad : List.of(bytes('a', 0xe2, 0x82), bytes(0xc0, 0xaf), bytes(0xed, 0xa0, 0x80))) {
            MalformedUtf8Exception e = assertThrows(MalformedUtf8Exception.class, () -> StrictUtf8Lines.decode("in", bad));
            assertEquals(1, e.line());
        }
    }

    @Test
    void linesAreDecodedOneByOneSoOnlyTheBadOneFails() {
        byte[] in = "one\r\ntw\u00f6\nthree".getBytes(StandardCharsets.ISO_8859_1);
        List<StrictUtf8Lines.Line> lines = StrictUtf8Lines.lines("batch", in);
        assertEquals(3, lines.size());
        assertEquals("one\r", lines.get(0).text());
        assertNull(lines.get(1).text());
        assertEquals("batch: line 2, column 3 (byte offset 7): not UTF-8 (byte 0xf6); save the file as UTF-8",
                lines.get(1).error().getMessage());
        assertEquals("three", lines.get(2).text());
        assertEquals(3, lines.get(2).number());
        assertEquals(List.of(), StrictUtf8Lines.lines("empty", new byte[0]));
        assertEquals(2, StrictUtf8Lines.lines("x", "a\n\n".getBytes(StandardCharsets.UTF_8)).size(),
                "a trailing newline ends the last line, it does not start another");
    }
}
