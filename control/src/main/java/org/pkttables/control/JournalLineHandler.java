package org.pkttables.control;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * The appliance's log handler (java.util.logging, which the JDK's {@link System.Logger} goes to): one line
 * per event on standard error. Under systemd (its journal reads standard error) each line starts with the
 * event's syslog priority as sd-daemon(3) writes it ({@code <3>} error, {@code <4>} warning, {@code <6>}
 * info, {@code <7>} debug) and the journal adds the time; elsewhere a line starts with the UTC time and
 * the level. A message of several lines (a stack trace, a status block) becomes one line, its lines
 * joined with {@code " | "}; an exception is named with where it was thrown.
 */
final class JournalLineHandler extends Handler {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final boolean journal;

    /** @param journal true under systemd: sd-daemon priority prefixes instead of time and level */
    JournalLineHandler(PrintStream out, boolean journal) {
        this.out = out;
        this.journal = journal;
    }

    @Override
    public void publish(LogRecord r) {
        if (!isLoggable(r)) {
            return;
        }
        String line = line(r, journal);
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /** The line for {@code r}: {@code <4>pkttables: text} under systemd, else {@code TIME WARNING pkttables: text}. */
    static String line(LogRecord r, boolean journal) {
        StringBuilder sb = new StringBuilder(128);
        if (journal) {
            sb.append('<').append(priority(r.getLevel())).append('>');
        } else {
            sb.append(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append(' ').append(name(r.getLevel()))
                    .append(' ');
        }
        sb.append("pkttables: ");
        String message = r.getMessage() == null ? "" : r.getMessage();
        if (r.getParameters() != null && r.getParameters().length > 0 && message.contains("{0")) {
            message = java.text.MessageFormat.format(message, r.getParameters());
        }
        oneLine(sb, message.strip());
        Throwable t = r.getThrown();
        if (t != null) {
            sb.append(": ");
            oneLine(sb, t.toString());
            StackTraceElement[] st = t.getStackTrace();
            if (st.length > 0) {
                sb.append(" at ").append(st[0]);
            }
        }
        return sb.toString();
    }

    /** Appends {@code text} with its line breaks as {@code " | "} and tabs as spaces. */
    private static void oneLine(StringBuilder sb, String text) {
        boolean lineStart = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (!lineStart) {
                    sb.append(" | ");
                    lineStart = true;
                }
            } else if (c == '\t') {
                if (!lineStart) {
                    sb.append(' ');
                }
            } else {
                sb.append(c);
                lineStart = false;
            }
        }
    }

    /** The syslog priority of a java.util.logging level (sd-daemon's {@code SD_ERR} ... {@code SD_DEBUG}). */
    static int priority(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return 3;
        }
        if (v >= Level.WARNING.intValue()) {
            return 4;
        }
        if (v >= Level.INFO.intValue()) {
            return 6;
        }
        return 7;
    }

    /** The level as the line shows it: ERROR, WARNING, INFO, DEBUG. */
    private static String name(Level level) {
        switch (priority(level)) {
            case 3:
                return "ERROR";
            case 4:
                return "WARNING";
            case 6:
                return "INFO";
            default:
                return "DEBUG";
        }
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
