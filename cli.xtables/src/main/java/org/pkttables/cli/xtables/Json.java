package org.pkttables.cli.xtables;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.jr.ob.JSON;

/**
 * JSON text of maps, lists, strings, numbers and booleans through the project's one JSON library
 * (jackson-jr): escaping of quotes, backslashes, control characters and non-ASCII is the library's.
 */
final class Json {
    private Json() {
    }

    /** {@code value} as one line of JSON, newline-terminated (a whole answer of a command). */
    static String document(Object value) {
        return line(value) + "\n";
    }

    /** {@code value} as one line of JSON, without a newline. */
    static String line(Object value) {
        try {
            return JSON.std.asString(value);
        } catch (IOException e) {
            // Only maps, lists and scalars are written: nothing here does I/O that can fail.
            throw new UncheckedIOException("cannot write JSON", e);
        }
    }
}
