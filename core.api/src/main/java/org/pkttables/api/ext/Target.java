package org.pkttables.api.ext;

import org.pkttables.api.PacketContext;

/**
 * A compiled, immutable target. Returns a {@link org.pkttables.api.Verdict} int:
 * {@code CONTINUE} for non-terminating targets (LOG, MARK). Same hot-path rules as {@link Match}.
 */
@FunctionalInterface
public interface Target {
    int apply(PacketContext p);
}
