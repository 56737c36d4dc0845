package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One appliance per state directory: a second one is refused, naming the directory, until the first stops. */
class StateLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondOwnerIsRefusedUntilTheFirstLetsGo() throws Exception {
        Path state = dir.resolve("state");
        StateLock first = StateLock.acquire(state);
        IOException e = assertThrows(IOException.class, () -> StateLock.acquire(state));
        assertTrue(e.getMessage().contains("the state directory " + state + " is in use by another appliance"),
                e.getMessage());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("lock"))));
        first.close();
        StateLock second = StateLock.acquire(state);
        second.close();
    }

    @Test
    void aProcessThatHoldsTheLockKeepsAnotherProcessOut() throws Exception {
        Path state = dir.resolve("state");
        try (StateLock held = StateLock.acquire(state)) {
            // Another JVM asks for the same lock (fcntl locks are per process): it must be refused.
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    StateLockProbe.class.getName(), state.toString())).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(3, p.waitFor(), out);
            assertTrue(out.contains("in use by another appliance"), out);
        }
    }
}
