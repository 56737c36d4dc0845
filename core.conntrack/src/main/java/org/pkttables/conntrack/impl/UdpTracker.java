package org.pkttables.conntrack.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.conntrack.CtStatus;

/**
 * UDP (nf_conntrack_proto_udp): no state; the unreplied timeout until a reply was seen, the stream
 * timeout once traffic is still flowing both ways two seconds after the first packet, and then ASSURED.
 * UDP-Lite uses the same rules.
 */
final class UdpTracker implements L4Tracker {
    private static final long STREAM_AFTER_MS = 2000;
    private final ConntrackTable table;
    private final Timeouts timeouts;

    UdpTracker(ConntrackTable table, Timeouts timeouts) {
        this.table = table;
        this.timeouts = timeouts;
    }

    @Override
    public long packet(int slot, boolean reply, PacketContext p, PacketTuple t, long now) {
        // SEEN_REPLY is set by the engine after this call, as the kernel does: a reply counts from the next packet.
        if ((table.status(slot) & CtStatus.SEEN_REPLY) != 0 || reply) {
            if (table.age(slot, now) > STREAM_AFTER_MS && (table.status(slot) & CtStatus.SEEN_REPLY) != 0) {
                table.orStatus(slot, CtStatus.ASSURED);
                return timeouts.get(Timeouts.UDP_STREAM);
            }
        }
        return timeouts.get(Timeouts.UDP);
    }
}
