package org.pkttables.conntrack;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What {@code PacketContext.conntrack()} holds after the conntrack hook: the packet's state and direction
 * and its entry. One instance per worker, overwritten for each packet (no allocation); read it only
 * while handling that packet. A context whose slot is null was not tracked: its state is INVALID, as the
 * kernel treats a packet without conntrack.
 */
@ProviderType
public interface PacketConntrack {
    /** One of the {@link CtState} bits. */
    int state();

    /** True when the packet travels in the reply direction of its connection. */
    boolean isReply();

    /** {@link CtStatus} bits of the entry, 0 when there is none (INVALID, UNTRACKED). */
    int status();

    /** Connection mark (CONNMARK), 0 when there is no entry. */
    int mark();

    /** Sets the connection mark; ignored when there is no entry. */
    void setMark(int mark);

    /** Id of the entry (as conntrack -L -o id prints), -1 when none. */
    long entryId();

    /**
     * The helper of this connection's master when the connection was expected by one (what {@code -m
     * helper} matches), else {@code null}.
     */
    default String masterHelper() {
        return null;
    }

    /** The view a NOTRACK target stores: state UNTRACKED, no entry. Conntrack leaves such packets alone. */
    PacketConntrack UNTRACKED = new org.pkttables.conntrack.impl.NoEntryView(CtState.UNTRACKED) {
        @Override
        public String toString() {
            return "UNTRACKED";
        }
    };
}
