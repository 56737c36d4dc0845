package org.pkttables.io.mode;

import java.util.List;

/** A mode of the appliance on its ports (bridge, router) as the {@code mode} command drives it. */
public interface ModeControl extends BridgeControl {
    /** {@code bridge} or {@code router}. */
    String mode();

    /** Runs this mode on {@code ports} with {@code workers} workers (0: the default); restarts capture on a change. */
    void start(List<String> ports, int workers);

    /** Stops it (a configuration through ConfigAdmin or the command line comes back with its next change). */
    void off();

    /** One line: what runs, or why nothing does. */
    String status();
}
