package org.pkttables.io.wire;

import java.util.List;

/** What the {@code mode} and {@code neigh} commands ask the router component. */
public interface RouterControl {
    /** Routes between {@code ports} with {@code workers} workers (0: the default); restarts capture if they changed. */
    void route(List<String> ports, int workers);

    /** Stops routing (the configuration through ConfigAdmin comes back with its next change). */
    void off();

    /** One line: what runs, or why nothing does. */
    String status();

    /** The neighbour table, {@code ip neigh} style, or why there is none. */
    String neighbours();
}
