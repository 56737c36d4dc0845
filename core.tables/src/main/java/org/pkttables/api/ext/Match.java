package org.pkttables.api.ext;

import org.pkttables.api.PacketContext;

/**
 * A compiled, immutable match, shared by every worker. {@link #matches} is the hot path: it must not
 * allocate, lock or block, and reads the packet only through {@link PacketContext}'s bounded accessors.
 */
@FunctionalInterface
public interface Match {
    boolean matches(PacketContext p);
}
