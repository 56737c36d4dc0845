package org.pkttables.ext.matches.impl;

import org.pkttables.api.ext.Match;

/**
 * A match that reads a header which can be cut short and then hotdrops the packet, as the kernel's
 * xt matches do (see {@link Match#mayHotdrop}).
 */
interface HotdroppingMatch extends Match {
    @Override
    default boolean mayHotdrop() {
        return true;
    }
}
