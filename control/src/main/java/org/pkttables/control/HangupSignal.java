package org.pkttables.control;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGHUP runs a task (the config reload) instead of ending the JVM, as daemons do. The JDK's only
 * public signal API is {@code sun.misc.Signal} (module jdk.unsupported); the import is optional, so
 * without it {@link #install} throws {@link NoClassDefFoundError} and SIGHUP keeps its default.
 */
final class HangupSignal implements AutoCloseable {
    private static final Signal HUP = new Signal("HUP");
    private final SignalHandler previous;

    private HangupSignal(SignalHandler previous) {
        this.previous = previous;
    }

    /** From now on SIGHUP runs {@code task} on a thread of its own (the signal thread never waits). */
    static HangupSignal install(Runnable task) {
        return new HangupSignal(Signal.handle(HUP, s -> {
            Thread t = new Thread(task, "pkttables-reload");
            t.setDaemon(true);
            t.start();
        }));
    }

    @Override
    public void close() {
        Signal.handle(HUP, previous);
    }
}
