package org.pkttables.shell;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT (Ctrl-C at the console's terminal) runs a task instead of ending the JVM, while the console
 * runs: the appliance never ends on Ctrl-C, whatever terminal JLine could open. The JDK's only public
 * signal API is {@code sun.misc.Signal} (module jdk.unsupported, exported by the appliance's framework);
 * the import is optional, so without it {@link #install} throws {@link NoClassDefFoundError}.
 */
final class InterruptSignal implements AutoCloseable {
    private static final Signal INT = new Signal("INT");
    private final SignalHandler previous;

    private InterruptSignal(SignalHandler previous) {
        this.previous = previous;
    }

    /** From now on SIGINT runs {@code task} (on the JVM's signal thread: it must not wait). */
    static InterruptSignal install(Runnable task) {
        return new InterruptSignal(Signal.handle(INT, s -> task.run()));
    }

    @Override
    public void close() {
        Signal.handle(INT, previous);
    }
}
