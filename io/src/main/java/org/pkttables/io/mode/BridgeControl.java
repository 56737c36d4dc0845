package org.pkttables.io.mode;

import java.util.List;
import java.util.function.Function;
import java.util.function.ObjLongConsumer;

/** What the {@code ports} and {@code workers} commands ask the bridge and router components. */
public interface BridgeControl {
    /** The per-port table, or why there is no bridge. */
    String ports();

    /** The per-worker table, or why there is no bridge. */
    String workers();

    boolean running();

    /**
     * The heartbeat of every loop of the running mode, by name
     * ({@link org.pkttables.io.workers.ModeRuntime#heartbeats}); none when idle (the default: no loops).
     */
    default void heartbeats(ObjLongConsumer<String> out) {
    }

    /** The tables of the running modes (bridge, router), or why none runs. */
    static String show(List<BridgeControl> modes, Function<BridgeControl, String> table) {
        StringBuilder running = new StringBuilder();
        StringBuilder idle = new StringBuilder();
        for (BridgeControl m : modes) {
            (m.running() ? running : idle).append(table.apply(m));
        }
        return running.length() > 0 ? running.toString() : idle.toString();
    }
}
