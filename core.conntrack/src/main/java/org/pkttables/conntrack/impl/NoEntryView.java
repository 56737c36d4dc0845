package org.pkttables.conntrack.impl;

import org.pkttables.conntrack.PacketConntrack;

/**
 * The view of a packet that has no entry (yet): untracked, or carrying a CT template before conntrack
 * runs. Its state is the one given; no direction, status, mark or id, and a mark set on it is dropped,
 * as the kernel has nothing to mark.
 */
public abstract class NoEntryView implements PacketConntrack {
    private final int state;

    protected NoEntryView(int state) {
        this.state = state;
    }

    @Override
    public final int state() {
        return state;
    }

    @Override
    public final boolean isReply() {
        return false;
    }

    @Override
    public final int status() {
        return 0;
    }

    @Override
    public final int mark() {
        return 0;
    }

    @Override
    public final void setMark(int mark) {
        // no entry: nothing to mark (CONNMARK in raw before conntrack, as in the kernel)
    }

    @Override
    public final long entryId() {
        return -1;
    }
}
