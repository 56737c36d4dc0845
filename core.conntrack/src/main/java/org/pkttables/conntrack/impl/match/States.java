package org.pkttables.conntrack.impl.match;

import org.pkttables.api.PacketContext;
import org.pkttables.conntrack.CtState;
import org.pkttables.conntrack.CtStatus;
import org.pkttables.conntrack.PacketConntrack;

/** The name tables of --ctstate/--state/--ctstatus, and the state bit of a packet. */
final class States {
    /** Listing order of libxt_conntrack/libxt_state. */
    static final String[] STATE_NAMES = { "INVALID", "NEW", "RELATED", "ESTABLISHED", "UNTRACKED", "SNAT", "DNAT" };
    static final int[] STATE_BITS = { CtState.INVALID, CtState.NEW, CtState.RELATED, CtState.ESTABLISHED,
        CtState.UNTRACKED, CtState.SNAT, CtState.DNAT };
    static final BitNamesType CTSTATE = new BitNamesType("ctstate", STATE_NAMES, STATE_BITS, null);
    static final BitNamesType STATE = new BitNamesType("state", new String[] { "INVALID", "NEW", "RELATED",
        "ESTABLISHED", "UNTRACKED" }, new int[] { CtState.INVALID, CtState.NEW, CtState.RELATED,
            CtState.ESTABLISHED, CtState.UNTRACKED }, null);
    static final BitNamesType CTSTATUS = new BitNamesType("ctstatus",
            new String[] { "EXPECTED", "SEEN_REPLY", "ASSURED", "CONFIRMED" },
            new int[] { CtStatus.EXPECTED, CtStatus.SEEN_REPLY, CtStatus.ASSURED, CtStatus.CONFIRMED }, "NONE");

    private States() {
    }

    /**
     * The packet's state bit: a packet without conntrack information is INVALID, as in the kernel (so it
     * never matches ESTABLISHED); NAT bits are added from the entry's status.
     */
    static int bit(PacketContext p) {
        Object o = p.conntrack();
        if (!(o instanceof PacketConntrack)) {
            return CtState.INVALID;
        }
        PacketConntrack c = (PacketConntrack) o;
        int b = c.state();
        int st = c.status();
        if ((st & CtStatus.SRC_NAT) != 0) {
            b |= CtState.SNAT;
        }
        if ((st & CtStatus.DST_NAT) != 0) {
            b |= CtState.DNAT;
        }
        return b;
    }
}
