package org.pkttables.conntrack.impl;

import org.pkttables.conntrack.EarlyDropPolicy;

/** One table slot seen by an {@link EarlyDropPolicy}: a reusable view (one per worker), no copying. */
final class SlotCandidate implements EarlyDropPolicy.Candidate {
    private final ConntrackTable table;
    int slot;
    long now;

    SlotCandidate(ConntrackTable table) {
        this.table = table;
    }

    @Override
    public int status() {
        return table.status(slot);
    }

    @Override
    public int protocol() {
        return table.proto(slot);
    }

    @Override
    public long millisLeft() {
        return table.left(slot, now);
    }

    @Override
    public boolean closing() {
        return table.proto(slot) == 6 && TcpStates.closing(table.protoState[slot]);
    }

    @Override
    public long packets(boolean reply) {
        return table.packets(slot, reply);
    }

    @Override
    public long bytes(boolean reply) {
        return table.bytes(slot, reply);
    }

    @Override
    public int count() {
        return table.count();
    }

    @Override
    public int max() {
        return table.capacity;
    }
}
