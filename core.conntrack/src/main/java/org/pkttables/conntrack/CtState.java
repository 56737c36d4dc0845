package org.pkttables.conntrack;

/**
 * The state of one packet with respect to its connection, as bits so a rule's set of states is one
 * mask: the values are xt_conntrack's XT_CONNTRACK_STATE_* bits.
 */
public final class CtState {
    public static final int INVALID = 1;
    public static final int ESTABLISHED = 1 << 1;
    public static final int RELATED = 1 << 2;
    public static final int NEW = 1 << 3;
    /** xt_conntrack's bits for NAT'ed connections (set by a NAT bundle). */
    public static final int SNAT = 1 << 6;
    public static final int DNAT = 1 << 7;
    public static final int UNTRACKED = 1 << 8;

    private CtState() {
    }

    public static String name(int bit) {
        switch (bit) {
            case INVALID: return "INVALID";
            case ESTABLISHED: return "ESTABLISHED";
            case RELATED: return "RELATED";
            case NEW: return "NEW";
            case SNAT: return "SNAT";
            case DNAT: return "DNAT";
            case UNTRACKED: return "UNTRACKED";
            default: throw new IllegalArgumentException("not a single state bit: " + bit);
        }
    }
}
