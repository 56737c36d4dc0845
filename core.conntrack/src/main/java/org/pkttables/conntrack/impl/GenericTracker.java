package org.pkttables.conntrack.impl;

import org.pkttables.api.PacketContext;

/** Any other protocol (nf_conntrack_proto_generic): one entry per address pair and protocol, one timeout. */
final class GenericTracker implements L4Tracker {
    private final Timeouts timeouts;

    GenericTracker(Timeouts timeouts) {
        this.timeouts = timeouts;
    }

    @Override
    public long packet(int slot, boolean reply, PacketContext p, PacketTuple t, long now) {
        return timeouts.get(Timeouts.GENERIC);
    }
}
