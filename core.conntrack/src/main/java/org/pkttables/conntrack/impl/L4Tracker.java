package org.pkttables.conntrack.impl;

import org.pkttables.api.PacketContext;

/**
 * The protocol part of tracking (the kernel's nf_conntrack_l4proto): decides whether a packet may open
 * an entry, and moves the entry's protocol state for each packet. Called with the entry's stripe lock
 * held (or on a still unconfirmed entry only its worker sees), so it may update per-slot state freely.
 */
interface L4Tracker {
    /** Accept the packet, leave the entry's state and timeout unchanged. */
    long IGNORE = -1;
    /** The packet is INVALID; the entry stays as it was. */
    long INVALID = -2;
    /** The packet reopens a closed connection: delete the entry and look the packet up again. */
    long REPEAT = -3;
    /** Accept the packet, then delete the entry (RST answering a SYN). */
    long KILL = -4;

    /**
     * Whether this first packet may create an entry; prepares the slot's protocol state. By default any
     * packet may, and there is no state to prepare.
     *
     * @return null when it may, else the reason it is INVALID
     */
    default String init(int slot, PacketContext p, PacketTuple t, long now) {
        return null;
    }

    /**
     * Updates the entry for one packet.
     *
     * @return the new timeout in milliseconds (0 or more), or {@link #IGNORE}, {@link #INVALID},
     *         {@link #REPEAT}, {@link #KILL}
     */
    long packet(int slot, boolean reply, PacketContext p, PacketTuple t, long now);

    /** The state name conntrack -L prints, or null when the protocol has none (the default). */
    default String stateName(int slot) {
        return null;
    }

    /** Why the last packet was INVALID (debug logging), or null. Per calling thread. */
    default String lastInvalidReason() {
        return null;
    }
}
