package org.pkttables.conntrack;

import java.util.ArrayList;
import java.util.List;

/** Status bits of an entry, the kernel's IPS_* values (so --ctstatus and conntrack -L agree with it). */
public final class CtStatus {
    /** Connection is an expected one (created through a helper's expectation). */
    public static final int EXPECTED = 1;
    /** Packets were seen in both directions. */
    public static final int SEEN_REPLY = 1 << 1;
    /** The connection is valuable: never early-dropped, survives table pressure. */
    public static final int ASSURED = 1 << 2;
    /** The entry is in the table (its first packet left the box). */
    public static final int CONFIRMED = 1 << 3;
    public static final int SRC_NAT = 1 << 4;
    public static final int DST_NAT = 1 << 5;
    /** Either NAT bit: the reply tuple is not the inverted original one. */
    public static final int NAT_MASK = SRC_NAT | DST_NAT;
    /**
     * A helper changed the length of a payload: later segments get their sequence and acknowledgement numbers
     * adjusted (the kernel's IPS_SEQ_ADJUST, nf_conntrack_seqadj).
     *
     * @since 1.3.0
     */
    public static final int SEQ_ADJUST = 1 << 6;
    /** The source-NAT decision was made (a binding or a null binding), the kernel's IPS_SRC_NAT_DONE. */
    public static final int SRC_NAT_DONE = 1 << 7;
    /** The destination-NAT decision was made, the kernel's IPS_DST_NAT_DONE. */
    public static final int DST_NAT_DONE = 1 << 8;
    public static final int DYING = 1 << 9;
    public static final int FIXED_TIMEOUT = 1 << 10;
    public static final int UNTRACKED = 1 << 12;
    /** A helper is attached to the connection ({@code CT --helper}). */
    public static final int HELPER = 1 << 13;

    private CtStatus() {
    }

    /** The flags conntrack -L shows in brackets, in its order ({@code [UNREPLIED]} is the absence of SEEN_REPLY). */
    public static List<String> names(int status) {
        List<String> l = new ArrayList<>();
        if ((status & EXPECTED) != 0) {
            l.add("EXPECTED");
        }
        if ((status & SEEN_REPLY) != 0) {
            l.add("SEEN_REPLY");
        }
        if ((status & ASSURED) != 0) {
            l.add("ASSURED");
        }
        if ((status & CONFIRMED) != 0) {
            l.add("CONFIRMED");
        }
        return l;
    }
}
