package org.pkttables.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Who runs a command, for the change history: the peer's uid on the control socket (SO_PEERCRED, see
 * {@link PeerCredentials}), or the appliance's own uid at its console, in scripts and for its own timers;
 * with the command line as typed. The command that runs on this thread finds it in {@link #current()}.
 *
 * @param uid     the numeric uid, -1 when unknown
 * @param user    the user name, or the uid as text when it has none
 * @param command the command line (words joined and quoted as a shell would take them back)
 */
record Caller(long uid, String user, String command) {
    private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();
    private static final String SAFE = "_-+=.,:/@%0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static volatile Caller self;
    /**
     * The console line running now: Gogo may run a line's command on a job thread of its own, which does
     * not see the line thread's {@link #CURRENT}; the console runs one line at a time.
     */
    private static volatile Caller console;

    /** The caller of the command running on this thread, else the console line running, else the appliance. */
    static Caller current() {
        Caller c = CURRENT.get();
        if (c != null) {
            return c;
        }
        c = console;
        return c != null ? c : self("(no command)");
    }

    /** The console line that runs now (null: none); returns the one before (a line may run lines). */
    static Caller console(Caller line) {
        Caller before = console;
        console = line;
        return before;
    }

    /** Runs {@code task} with {@code caller} as {@link #current()} on this thread. */
    static <T, E extends Exception> T as(Caller caller, ThrowingSupplier<T, E> task) throws E {
        Caller before = CURRENT.get();
        CURRENT.set(caller);
        try {
            return task.get();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    /** A supplier that may throw. */
    interface ThrowingSupplier<T, E extends Exception> {
        T get() throws E;
    }

    /**
     * Makes {@code caller} this thread's {@link #current()} (null: none); returns the one before, to be
     * given back when the command is done (commands may nest: a console line running a script).
     */
    static Caller swap(Caller caller) {
        Caller before = CURRENT.get();
        if (caller == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(caller);
        }
        return before;
    }

    /** The appliance's own user (its console, scripts, timers) running {@code command}. */
    static Caller self(String command) {
        Caller s = self;
        if (s == null) {
            long uid = ownUid();
            s = new Caller(uid, PeerCredentials.userName(uid, System.getProperty("user.name")), "");
            self = s;
        }
        return new Caller(s.uid, s.user, command);
    }

    /** The same caller running another command line. */
    Caller running(String commandLine) {
        return new Caller(uid, user, commandLine);
    }

    /** The words of a command line joined back into one line a shell would split the same way. */
    static String line(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quote(w));
        }
        return sb.toString();
    }

    static String quote(String w) {
        if (w.isEmpty()) {
            return "''";
        }
        for (int i = 0; i < w.length(); i++) {
            if (SAFE.indexOf(w.charAt(i)) < 0) {
                return "'" + w.replace("'", "'\\''") + "'";
            }
        }
        return w;
    }

    /** {@code uid 1000 (alice)}, or {@code uid ? (name)} when the number is unknown. */
    String who() {
        String n = uid < 0 ? "?" : Long.toString(uid);
        return user == null || user.equals(n) ? "uid " + n : "uid " + n + " (" + user + ")";
    }

    /** The effective uid of this process: the owner of {@code /proc/self}. */
    private static long ownUid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }
}
