package org.pkttables.conntrack.impl.helper;

import org.pkttables.conntrack.CtState;
import org.pkttables.conntrack.PacketConntrack;

/**
 * What {@code CT --helper NAME} / {@code CT --zone N} leaves on a packet in the raw table, before conntrack runs (the
 * kernel's template conntrack): settings for the entry the packet will create. Conntrack reads it and
 * replaces it with the packet's real view; an existing connection ignores it, as in the kernel. Until
 * then the packet is not tracked: its state reads INVALID, as for any packet in raw.
 */
public final class CtTemplate implements PacketConntrack {
    /** Helper to attach, or null. */
    public final String helper;
    /** Zone of the connection (0 = the default zone). */
    public final int zone;

    /** {@code --ctevents} mask, -1 = every event. */
    public final int eventMask;

    /** {@code --expevents} mask (bit 0: new), -1 = every expectation event. */
    public final int expMask;

    public CtTemplate(String helper) {
        this(helper, 0, -1, -1);
    }

    public CtTemplate(String helper, int zone, int eventMask, int expMask) {
        this.helper = helper;
        this.zone = zone;
        this.eventMask = eventMask;
        this.expMask = expMask;
    }

    @Override
    public int state() {
        return CtState.INVALID;
    }

    @Override
    public boolean isReply() {
        return false;
    }

    @Override
    public int status() {
        return 0;
    }

    @Override
    public int mark() {
        return 0;
    }

    @Override
    public void setMark(int mark) {
        // no entry yet; CONNMARK in raw before conntrack has nothing to mark, as in the kernel
    }

    @Override
    public long entryId() {
        return -1;
    }

    @Override
    public String toString() {
        return "CT template helper=" + helper + " zone=" + zone;
    }
}
