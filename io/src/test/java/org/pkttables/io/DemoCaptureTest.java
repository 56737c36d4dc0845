package org.pkttables.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The bundled demo capture is exactly what {@link DemoTraffic} writes. To change the traffic, edit
 * DemoTraffic and run {@code mvn -pl io test -Dpkttables.regenerate=true}.
 */
class DemoCaptureTest {
    private static final Path FILE = Path.of("..", "demo", "demo.pcap");

    @Test
    void committedCaptureMatchesItsGenerator() throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DemoTraffic.write(bos);
        byte[] expected = bos.toByteArray();
        if (Boolean.getBoolean("pkttables.regenerate")) {
            Files.write(FILE, expected);
        }
        assertTrue(Files.exists(FILE), FILE + " is missing: regenerate it (see this class)");
        assertArrayEquals(expected, Files.readAllBytes(FILE), FILE + " differs from DemoTraffic's output");
    }
}
