package org.pkttables.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The version of pkttables: the Maven project version, written into this bundle at build time
 * ({@code version.txt}, see control/bnd.bnd). {@code pkttables --version} runs {@link #main}, and
 * {@code status} shows it.
 */
public final class PkttablesVersion {
    private static final String VERSION = read();

    private PkttablesVersion() {
    }

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return VERSION;
    }

    /** Prints {@code pkttables VERSION}. */
    public static void main(String[] args) {
        System.out.println("pkttables " + VERSION);
    }

    private static String read() {
        try (InputStream in = PkttablesVersion.class.getResourceAsStream("version.txt")) {
            if (in == null) {
                throw new IllegalStateException("version.txt is missing from the control bundle (a build fault)");
            }
            String v = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            if (v.isEmpty() || v.contains("${")) {
                throw new IllegalStateException("version.txt holds no version (`" + v + "'): a build fault");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
