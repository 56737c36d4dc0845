package org.pkttables.conntrack.impl;

import org.pkttables.api.PacketContext;

/**
 * ICMP and ICMPv6 queries (nf_conntrack_proto_icmp/icmpv6): a request opens an entry keyed by its id,
 * the matching reply is its reply direction. Errors never get an entry: the engine makes them RELATED
 * to the flow they quote ({@link #isError}).
 */
final class IcmpTracker implements L4Tracker {
    private final Timeouts timeouts;
    private final int timeoutIndex;
    private final int proto;

    IcmpTracker(Timeouts timeouts, int proto) {
        this.timeouts = timeouts;
        this.proto = proto;
        this.timeoutIndex = proto == 58 ? Timeouts.ICMPV6 : Timeouts.ICMP;
    }

    /**
     * The request type of a query/reply pair this type belongs to (8 for echo request and reply), or -1
     * when the type is not part of such a pair.
     */
    static int requestOf(int proto, int type) {
        if (proto == 1) {
            switch (type) {
                case 8: case 0: return 8;      // echo
                case 13: case 14: return 13;   // timestamp
                case 15: case 16: return 15;   // information
                case 17: case 18: return 17;   // address mask
                default: return -1;
            }
        }
        switch (type) {
            case 128: case 129: return 128;    // echo
            case 139: case 140: return 139;    // node information
            default: return -1;
        }
    }

    /** The reply type answering a request type (for listing the reply tuple). */
    static int replyOf(int proto, int requestType) {
        if (proto == 1) {
            return requestType == 8 ? 0 : requestType + 1;
        }
        return requestType + 1;
    }

    /**
     * ICMPv6 messages the kernel never tracks (nf_conntrack_icmpv6_error's {@code noct_valid_new}): MLD
     * queries, reports and dones (130-132, MLDv2 reports 143) and neighbour discovery's router and neighbour
     * solicitations and advertisements (133-136). Their state is UNTRACKED, not INVALID: rulesets such as
     * ufw's drop INVALID before they accept neighbour discovery.
     */
    static boolean neverTracked(int type) {
        return type >= 130 && type <= 136 || type == 143;
    }

    /** Error messages that quote the packet that caused them. */
    static boolean isError(int proto, int type) {
        if (proto == 1) {
            return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
        }
        return type >= 1 && type <= 4;
    }

    @Override
    public String init(int slot, PacketContext p, PacketTuple t, long now) {
        int type = p.u8(t.l4);
        if (requestOf(proto, type) != type) {
            return proto == 1 ? "icmp: type " + type + " cannot open a connection"
                    : "icmpv6: type " + type + " cannot open a connection";
        }
        return null;
    }

    @Override
    public long packet(int slot, boolean reply, PacketContext p, PacketTuple t, long now) {
        return timeouts.get(timeoutIndex);
    }
}
