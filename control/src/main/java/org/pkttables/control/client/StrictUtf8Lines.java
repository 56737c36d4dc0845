package org.pkttables.control.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoding policy of every input file pkttables reads (saved state, {@code --config} and batch
 * scripts, restore files): strict UTF-8. Malformed or unmappable bytes are never replaced or guessed at;
 * they are refused with a {@link MalformedUtf8Exception} naming the source, line, column and byte offset.
 * Whole-text readers ({@link #read}, {@link #decode}) refuse the whole input; {@link #lines} decodes line
 * by line so a script can report the bad line and run the others. Lines end at {@code \n}; a {@code \r}
 * before it stays part of the line (callers strip it, as they strip other white space).
 */
public final class StrictUtf8Lines {
    /**
     * One line of the input.
     *
     * @param number 1-based line number
     * @param text   the decoded line without its {@code \n}, or null when it is not UTF-8
     * @param error  why the line could not be decoded, or null
     */
    public record Line(int number, String text, MalformedUtf8Exception error) {
    }

    private StrictUtf8Lines() {
    }

    /** Reads and decodes a whole file; the file's path names it in errors. */
    public static String read(Path file) throws IOException {
        return decode(file.toString(), Files.readAllBytes(file));
    }

    /** Decodes a whole input, refusing it at the first malformed byte. */
    public static String decode(String source, byte[] bytes) throws MalformedUtf8Exception {
        CharsetDecoder d = decoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8L, bytes.length + 1L));
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            throw malformed(source, bytes, in.position());
        }
        r = d.flush(out);
        if (r.isError()) {
            throw malformed(source, bytes, in.position());
        }
        return out.flip().toString();
    }

    /**
     * Splits an input into lines and decodes each on its own. A trailing {@code \n} does not start one more
     * (empty) line.
     */
    public static List<Line> lines(String source, byte[] bytes) {
        List<Line> lines = new ArrayList<>();
        CharsetDecoder d = decoder();
        int start = 0;
        int number = 1;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            ByteBuffer in = ByteBuffer.wrap(bytes, start, end - start);
            try {
                lines.add(new Line(number, d.reset().decode(in).toString(), null));
            } catch (CharacterCodingException e) {
                // decode(ByteBuffer) leaves the buffer's position at the offending byte.
                lines.add(new Line(number, null, malformed(source, bytes, in.position())));
            }
            start = end + 1;
            number++;
        }
        return lines;
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The error for the malformed byte at {@code offset}, with its line and column counted. */
    static MalformedUtf8Exception malformed(String source, byte[] bytes, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int bad = offset < bytes.length ? bytes[offset] : 0;
        return new MalformedUtf8Exception(source, line, offset - lineStart + 1, offset, bad);
    }
}
