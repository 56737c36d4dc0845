package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The decisions of {@link SystemdService} that need no systemd: when it pings ({@link LoopProgress}), when it is not there. */
class SystemdServiceTest {
    @Test
    void aLoopWhoseHeartbeatDidNotMoveSinceTheLastPingIsStalled() {
        LoopProgress p = new LoopProgress();
        // The first look: every loop is new, so none is stalled.
        assertEquals(List.of(), p.stalled(Map.of("worker 0", 10L, "worker 1", 4L, "capture eth1", 7L)));
        assertEquals(List.of(), p.stalled(Map.of("worker 0", 11L, "worker 1", 9L, "capture eth1", 8L)));
        // worker 1 did not turn since the previous ping: stalled, while the others move.
        assertEquals(List.of("worker 1"), p.stalled(Map.of("worker 0", 12L, "worker 1", 9L, "capture eth1", 9L)));
        assertEquals(List.of("worker 1"), p.stalled(Map.of("worker 0", 13L, "worker 1", 9L, "capture eth1", 10L)));
        // It moves again: no loop stalled.
        assertEquals(List.of(), p.stalled(Map.of("worker 0", 14L, "worker 1", 10L, "capture eth1", 11L)));
    }

    @Test
    void aModeThatStartsOrStopsIsNoStall() {
        LoopProgress p = new LoopProgress();
        assertEquals(List.of(), p.stalled(Map.of()));
        assertEquals(List.of(), p.stalled(Map.of("bridge worker 0", 3L)));
        assertEquals(List.of(), p.stalled(Map.of()), "no mode running: nothing to wait for");
        assertEquals(List.of(), p.stalled(Map.of("router worker 0", 3L)), "a new loop is not compared with a gone one");
    }

    @Test
    void withoutNotifySocketThereIsNoService() throws IOException {
        assertNull(SystemdService.fromEnvironment(Map.<String, String>of()::get, new RecordingFrontend(), Map::of));
        assertNull(SystemdService.fromEnvironment(Map.of("NOTIFY_SOCKET", "")::get, new RecordingFrontend(),
                Map::of));
    }

    @Test
    void malformedEnvironmentIsNamed() {
        IOException e = assertThrows(IOException.class, () -> SystemdService.fromEnvironment(
                Map.of("NOTIFY_SOCKET", "relative/path")::get, new RecordingFrontend(), Map::of));
        assertTrue(e.getMessage().contains("NOTIFY_SOCKET `relative/path'"), e.getMessage());
        e = assertThrows(IOException.class, () -> SystemdService.fromEnvironment(
                Map.of("NOTIFY_SOCKET", "@x", "WATCHDOG_USEC", "soon")::get, new RecordingFrontend(), Map::of));
        assertTrue(e.getMessage().contains("WATCHDOG_USEC `soon'"), e.getMessage());
    }
}
