package org.pkttables.api.ext;

import org.pkttables.api.PacketContext;

/**
 * A compiled, immutable match, shared by every worker. {@link #matches} is the hot path: it must not
 * allocate, lock or block, and reads the packet only through {@link PacketContext}'s bounded accessors.
 */
@FunctionalInterface
public interface Match {
    boolean matches(PacketContext p);

    /**
     * True when this match may call {@link PacketContext#hotdrop} (it reads a header that can be cut
     * short): the kernel drops such a packet whatever the matches after it would say, so the core's
     * classifier must not skip the rule on their constraints. Called when a chain is compiled.
     *
     * @since 1.3.0
     */
    default boolean mayHotdrop() {
        return false;
    }
}
