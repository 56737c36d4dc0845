package org.pkttables.api;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The files of whoever runs a command. A command that reads or writes a file its caller names
 * ({@code ipset save -file F}, {@code replay F.pcap --out G.pcap}, {@code gen --pcap F}) opens it here,
 * never through {@link Files} itself: at the appliance's own console the caller is the appliance and
 * the file is opened directly ({@link #local}); through the control socket the caller is a {@code ctl}
 * process, which opens the file with its own permissions and streams it over the socket, so a command
 * never touches a file on behalf of a caller that could not touch it itself.
 */
@ProviderType
public interface CallerFiles {
    /**
     * Opens {@code name} for reading.
     *
     * @throws IOException with the reason the caller could not open it (no such file, permission denied)
     */
    InputStream read(String name) throws IOException;

    /**
     * Creates or truncates {@code name} for writing; everything written is in the file once
     * {@link OutputStream#close} returned without an exception.
     *
     * @throws IOException with the reason the caller could not create it
     */
    OutputStream write(String name) throws IOException;

    /** Files of this process, relative names resolved against {@code base} (the console, scripts). */
    static CallerFiles local(Path base) {
        return new CallerFiles() {
            @Override
            public InputStream read(String name) throws IOException {
                return new BufferedInputStream(Files.newInputStream(base.resolve(name)), 1 << 16);
            }

            @Override
            public OutputStream write(String name) throws IOException {
                return new BufferedOutputStream(Files.newOutputStream(base.resolve(name)), 1 << 16);
            }
        };
    }

    /** Files of this process, relative names resolved against its working directory. */
    static CallerFiles local() {
        return local(Path.of(""));
    }

    /** Reads a whole (text) file of the caller as UTF-8. */
    static String readString(CallerFiles files, String name) throws IOException {
        try (InputStream in = files.read(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
