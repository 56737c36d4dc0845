package org.pkttables.conntrack.impl.target;

import org.pkttables.conntrack.ConntrackEvent;

/**
 * {@code CT --ctevents}: which events a connection reports, by the kernel's IPCT_* names, listed in bit
 * order as iptables prints them. Our events are NEW, UPDATE and DESTROY: NEW needs {@code new} (or
 * {@code related} for an expected connection), DESTROY needs {@code destroy}, and UPDATE any of the
 * change kinds (reply, assured, protoinfo, helper, mark, natseqinfo, secmark), since an UPDATE here is
 * not split by what changed.
 */
public final class CtEvents {
    static final String[] NAMES = { "new", "related", "destroy", "reply", "assured", "protoinfo", "helper", "mark",
        "natseqinfo", "secmark" };
    static final int NEW = 1;
    static final int RELATED = 1 << 1;
    static final int DESTROY = 1 << 2;
    static final int CHANGES = ~(NEW | RELATED | DESTROY) & ((1 << NAMES.length) - 1);

    private CtEvents() {
    }

    /** The {@code --ctevents} value type. */
    static EventMask type() {
        return new EventMask("event[,...]", NAMES);
    }

    /** Whether a connection with this mask reports the event (mask -1: every event). */
    public static boolean reports(int mask, ConntrackEvent.Type type, boolean expected) {
        if (mask == -1) {
            return true;
        }
        switch (type) {
            case NEW:
                return (mask & NEW) != 0 || (expected && (mask & RELATED) != 0);
            case DESTROY:
                return (mask & DESTROY) != 0;
            default:
                return (mask & CHANGES) != 0;
        }
    }
}
