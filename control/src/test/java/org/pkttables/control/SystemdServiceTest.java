package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend;

/** The decisions of {@link SystemdService} that need no systemd: when it pings, when it is not there. */
class SystemdServiceTest {
    @Test
    void aStuckWorkerStopsThePings() {
        RecordingFrontend f = new RecordingFrontend("workers");
        f.answers.put("workers", new CommandFrontend.Result(0, "worker  rx  tx\n0  10  10\n1  4  4\n", ""));
        assertTrue(SystemdService.workersAlive(f));
        f.answers.put("workers", new CommandFrontend.Result(0, "worker  rx  tx\n0  10  10\n1  4  4\n"
                + "worker-1: STUCK for 6 s at org.example.Loop.spin; restarts 0\n", ""));
        assertFalse(SystemdService.workersAlive(f));
    }

    @Test
    void withoutIoThereAreNoWorkersToWatch() {
        assertTrue(SystemdService.workersAlive(new RecordingFrontend("iptables")));
    }

    @Test
    void withoutNotifySocketThereIsNoService() throws IOException {
        assertNull(SystemdService.fromEnvironment(Map.<String, String>of()::get, new RecordingFrontend()));
        assertNull(SystemdService.fromEnvironment(Map.of("NOTIFY_SOCKET", "")::get, new RecordingFrontend()));
    }

    @Test
    void malformedEnvironmentIsNamed() {
        IOException e = assertThrows(IOException.class, () -> SystemdService.fromEnvironment(
                Map.of("NOTIFY_SOCKET", "relative/path")::get, new RecordingFrontend()));
        assertTrue(e.getMessage().contains("NOTIFY_SOCKET `relative/path'"), e.getMessage());
        e = assertThrows(IOException.class, () -> SystemdService.fromEnvironment(
                Map.of("NOTIFY_SOCKET", "@x", "WATCHDOG_USEC", "soon")::get, new RecordingFrontend()));
        assertTrue(e.getMessage().contains("WATCHDOG_USEC `soon'"), e.getMessage());
    }
}
