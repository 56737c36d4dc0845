package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

/** The appliance's log lines: one per event, sd-daemon priorities under systemd, time and level elsewhere. */
class JournalLineHandlerTest {
    private static LogRecord record(Level level, String message) {
        LogRecord r = new LogRecord(level, message);
        r.setMillis(1_700_000_000_123L);
        return r;
    }

    @Test
    void underSystemdEachLineHasItsSyslogPriority() {
        assertEquals("<3>pkttables: cannot start", JournalLineHandler.line(record(Level.SEVERE, "cannot start"), true));
        assertEquals("<4>pkttables: x", JournalLineHandler.line(record(Level.WARNING, "x"), true));
        assertEquals("<6>pkttables: control socket /run/p.sock",
                JournalLineHandler.line(record(Level.INFO, "control socket /run/p.sock"), true));
        assertEquals("<7>pkttables: c", JournalLineHandler.line(record(Level.CONFIG, "c"), true), "below info");
        assertEquals("<7>pkttables: d", JournalLineHandler.line(record(Level.FINE, "d"), true));
        assertEquals("<7>pkttables: d", JournalLineHandler.line(record(Level.FINEST, "d"), true));
    }

    @Test
    void elsewhereTheLineStartsWithTimeAndLevel() {
        assertEquals("2023-11-14T22:13:20.123Z WARNING pkttables: boot: DEGRADED",
                JournalLineHandler.line(record(Level.WARNING, "boot: DEGRADED"), false));
        assertEquals("2023-11-14T22:13:20.123Z DEBUG pkttables: d", JournalLineHandler.line(record(Level.FINE, "d"), false));
    }

    @Test
    void oneEventIsOneLine() {
        String stuck = "worker 1 is stuck; where it is:\n\tat a.B.c(B.java:1)\n\tat a.B.d(B.java:2)\n";
        assertEquals("<4>pkttables: worker 1 is stuck; where it is: | at a.B.c(B.java:1) | at a.B.d(B.java:2)",
                JournalLineHandler.line(record(Level.WARNING, stuck), true));
        LogRecord r = record(Level.SEVERE, "state not saved");
        IOException e = new IOException("disk full\nreally");
        r.setThrown(e);
        String line = JournalLineHandler.line(r, true);
        assertTrue(line.startsWith("<3>pkttables: state not saved: java.io.IOException: disk full | really at "
                + JournalLineHandlerTest.class.getName()), line);
        assertTrue(!line.contains("\n"), line);
    }

    @Test
    void theBackendTakesTheRootLoggerAndGivesItBack() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Logger root = Logger.getLogger("");
        int handlers = root.getHandlers().length;
        Level level = root.getLevel();
        try (LogBackend b = LogBackend.install(Map.of(LogBackend.LEVEL, "warning")::get,
                Map.of("JOURNAL_STREAM", "8:1234")::get, out)) {
            System.getLogger("org.pkttables.test").log(System.Logger.Level.INFO, "not at warning");
            System.getLogger("org.pkttables.test").log(System.Logger.Level.WARNING, "through System.Logger");
            Logger.getLogger("org.pkttables.test").severe("through java.util.logging");
            assertEquals(1, root.getHandlers().length);
        }
        assertEquals("<4>pkttables: through System.Logger\n<3>pkttables: through java.util.logging\n",
                bytes.toString(StandardCharsets.UTF_8));
        assertEquals(handlers, root.getHandlers().length);
        assertEquals(level, root.getLevel());
    }

    @Test
    void levelsAndSystemdAreNamed() {
        assertEquals(Level.INFO, LogBackend.level(null));
        assertEquals(Level.INFO, LogBackend.level(""));
        assertEquals(Level.FINE, LogBackend.level("debug"));
        assertEquals(Level.SEVERE, LogBackend.level("ERROR"));
        assertEquals(Level.WARNING, LogBackend.level("warning"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LogBackend.level("loud"));
        assertEquals("pkttables.log.level `loud' is not a level (error, warning, info, debug)", e.getMessage());
        assertTrue(LogBackend.underSystemd(Map.of("NOTIFY_SOCKET", "/run/systemd/notify")::get));
        assertTrue(LogBackend.underSystemd(Map.of("JOURNAL_STREAM", "8:1")::get));
        assertTrue(!LogBackend.underSystemd(Map.<String, String>of()::get));
    }
}
