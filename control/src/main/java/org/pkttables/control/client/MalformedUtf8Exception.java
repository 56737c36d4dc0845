package org.pkttables.control.client;

import java.io.IOException;

/**
 * An input file (state file, {@code --config} script, batch input, restore file) holds bytes that are
 * not UTF-8. The message names the source, the line and the column (both 1-based; the column counts
 * bytes) and the byte offset in the whole input, so the operator can find and fix it.
 */
public final class MalformedUtf8Exception extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final long offset;

    public MalformedUtf8Exception(String source, int line, int column, long offset, int badByte) {
        super(String.format("%s: line %d, column %d (byte offset %d): not UTF-8 (byte 0x%02x); "
                + "save the file as UTF-8", source, line, column, offset, badByte & 0xff));
        this.source = source;
        this.line = line;
        this.column = column;
        this.offset = offset;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public long offset() {
        return offset;
    }
}
