package org.pkttables.control;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one logging backend of the appliance: java.util.logging, which every bundle reaches through the
 * JDK's {@link System.Logger} (no library to resolve in OSGi). While the appliance runs, the root logger has
 * one {@link JournalLineHandler} and the level of {@code pkttables.log.level} (a framework property;
 * {@code error}, {@code warning}, {@code info}, {@code debug}, default {@code info}); the lines carry
 * sd-daemon priorities when systemd started the appliance ({@code JOURNAL_STREAM} or {@code NOTIFY_SOCKET}
 * set). {@link #close} gives the root logger its handlers and level back.
 */
final class LogBackend implements AutoCloseable {
    static final String LEVEL = "pkttables.log.level";

    private final Logger root = Logger.getLogger("");
    private final Handler[] previous;
    private final Level previousLevel;
    private final Handler handler;

    private LogBackend(Handler handler, Level level) {
        this.previous = root.getHandlers();
        this.previousLevel = root.getLevel();
        this.handler = handler;
        for (Handler h : previous) {
            root.removeHandler(h);
        }
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(level);
    }

    /**
     * Installs the backend: {@code property} gives the level, {@code env} tells whether systemd runs us.
     *
     * @throws IllegalArgumentException when the level is not one of the names above
     */
    static LogBackend install(UnaryOperator<String> property, UnaryOperator<String> env, PrintStream out) {
        return new LogBackend(new JournalLineHandler(out, underSystemd(env)), level(property.apply(LEVEL)));
    }

    /** True when systemd started the process: it names its journal stream or its notify socket. */
    static boolean underSystemd(UnaryOperator<String> env) {
        return set(env.apply("JOURNAL_STREAM")) || set(env.apply("NOTIFY_SOCKET"));
    }

    private static boolean set(String v) {
        return v != null && !v.isEmpty();
    }

    /** The level named {@code name} (null or blank: info). */
    static Level level(String name) {
        if (name == null || name.isBlank()) {
            return Level.INFO;
        }
        switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "error":
            case "err":
                return Level.SEVERE;
            case "warning":
            case "warn":
                return Level.WARNING;
            case "info":
            case "notice":
                return Level.INFO;
            case "debug":
                return Level.FINE;
            default:
                throw new IllegalArgumentException(LEVEL + " `" + name + "' is not a level (error, warning, info, "
                        + "debug)");
        }
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        for (Handler h : previous) {
            root.addHandler(h);
        }
        root.setLevel(previousLevel);
    }
}
