package org.pkttables.control;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Where the appliance keeps its socket and state, read from framework/system properties that
 * {@code bin/pkttables} sets. An absent or empty property switches the feature off.
 *
 * @param socket control socket path ({@code pkttables.socket}), or null for none
 * @param state  state directory ({@code pkttables.state}), or null to persist nothing
 * @param config command script run at start instead of restoring the state ({@code pkttables.config})
 * @param batch  batch mode: script to run, "-" for standard input, then exit ({@code pkttables.batch})
 */
record Settings(Path socket, Path state, Path config, String batch) {
    static final String SOCKET = "pkttables.socket";
    static final String STATE = "pkttables.state";
    static final String CONFIG = "pkttables.config";
    static final String BATCH = "pkttables.batch";

    static Settings from(UnaryOperator<String> property) {
        return new Settings(path(property.apply(SOCKET)), path(property.apply(STATE)), path(property.apply(CONFIG)),
                blankToNull(property.apply(BATCH)));
    }

    boolean batchMode() {
        return batch != null;
    }

    private static Path path(String value) {
        String v = blankToNull(value);
        return v == null ? null : Path.of(v).toAbsolutePath();
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
