package org.pkttables.io.wire;

/** What the {@code ports} and {@code workers} commands ask the bridge component. */
public interface BridgeControl {
    /** The per-port table, or why there is no bridge. */
    String ports();

    /** The per-worker table, or why there is no bridge. */
    String workers();

    boolean running();
}
