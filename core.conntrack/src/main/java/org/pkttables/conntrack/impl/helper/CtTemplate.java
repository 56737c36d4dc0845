package org.pkttables.conntrack.impl.helper;

import org.pkttables.conntrack.CtState;
import org.pkttables.conntrack.impl.NoEntryView;

/**
 * What {@code CT --helper NAME} / {@code CT --zone N} leaves on a packet in the raw table, before conntrack runs (the
 * kernel's template conntrack): settings for the entry the packet will create. Conntrack reads it and
 * replaces it with the packet's real view; an existing connection ignores it, as in the kernel. Until
 * then the packet is not tracked: its state reads INVALID, as for any packet in raw.
 */
public final class CtTemplate extends NoEntryView {
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
        super(CtState.INVALID);
        this.helper = helper;
        this.zone = zone;
        this.eventMask = eventMask;
        this.expMask = expMask;
    }

    @Override
    public String toString() {
        return "CT template helper=" + helper + " zone=" + zone;
    }
}
