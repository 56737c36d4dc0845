package org.pkttables.api.ext;

import org.pkttables.api.PacketContext;

/**
 * A compiled, immutable target. Returns a {@link org.pkttables.api.Verdict} int:
 * {@code CONTINUE} for non-terminating targets (LOG, MARK). Same hot-path rules as {@link Match}.
 */
@FunctionalInterface
public interface Target {
    int apply(PacketContext p);

    /**
     * For {@code explain} (control plane: may allocate, never on the packet path): does to the explained
     * packet (explain's own copy, the first packet of a new connection, no connection tracking) what
     * {@link #apply} would, and adds a line to {@code notes} for what the verdict does not show (NAT: the
     * translated tuple). The default applies the target and adds nothing.
     *
     * @since 1.4.0
     */
    default int explain(PacketContext p, java.util.List<String> notes) {
        return apply(p);
    }
}
