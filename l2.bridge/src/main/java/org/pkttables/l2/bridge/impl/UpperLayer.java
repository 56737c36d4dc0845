package org.pkttables.l2.bridge.impl;

import org.pkttables.api.ext.KernelRefusal;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.PortRange;

/**
 * The upper-layer fields that ebtables' ip and ip6 matches share: the protocol, the ports and the ICMP
 * (or ICMPv6) type, each optional and invertible. The matches differ only in how they find the upper-layer
 * header (IPv4's header length and fragment offset, IPv6's extension headers); this reads it once found.
 */
final class UpperLayer {
    private final int proto;
    private final boolean protoInv;
    private final PortRange sport;
    private final boolean sportInv;
    private final PortRange dport;
    private final boolean dportInv;
    private final IcmpSpec icmp;
    private final boolean icmpInv;

    UpperLayer(Args a, Param<Integer> proto, Param<PortRange> sport, Param<PortRange> dport, Param<IcmpSpec> icmp) {
        this.proto = a.has(proto) ? a.get(proto) : -1;
        protoInv = a.inverted(proto);
        this.sport = a.get(sport);
        sportInv = a.inverted(sport);
        this.dport = a.get(dport);
        dportInv = a.inverted(dport);
        this.icmp = a.get(icmp);
        icmpInv = a.inverted(icmp);
    }

    /**
     * The protocol a rule's ports and type need (-1 when not given or inverted), after checking that ports
     * are asked for only with a protocol that has them, as ebt_ip/ebt_ip6 check.
     */
    static int checkedProtocol(Args a, Param<Integer> proto, Param<PortRange> sport, Param<PortRange> dport) {
        int p = a.has(proto) && !a.inverted(proto) ? a.get(proto) : -1;
        if ((a.has(sport) || a.has(dport)) && !hasPorts(p)) {
            throw new KernelRefusal("For port filtering the IP protocol must be either 6 (tcp), 17 "
                    + "(udp), 33 (dccp), 132 (sctp) or 136 (udplite)");
        }
        return p;
    }

    /** Which IP protocols have ports at the start of their header (ebt_ip/ebt_ip6 check ports only for these). */
    static boolean hasPorts(int proto) {
        return proto == 6 || proto == 17 || proto == 33 || proto == 132 || proto == 136;
    }

    /** Whether the rule names a protocol. */
    boolean hasProtocol() {
        return proto >= 0;
    }

    /** Whether the rule looks into the upper-layer header (ports or type). */
    boolean readsHeader() {
        return sport != null || dport != null || icmp != null;
    }

    /** The protocol test alone ({@code true} when the rule names none). */
    boolean protocolMatches(int pr) {
        return proto < 0 || (pr == proto) != protoInv;
    }

    /** The ports and type tests on the upper-layer header at {@code off} (true when the rule has neither). */
    boolean headerMatches(PacketContext p, int off) {
        if (sport != null || dport != null) {
            if (!p.has(off, 4)) {
                return false;
            }
            if (sport != null && sport.contains(p.u16(off)) == sportInv) {
                return false;
            }
            return dport == null || dport.contains(p.u16(off + 2)) != dportInv;
        }
        if (icmp != null) {
            if (!p.has(off, 2)) {
                return false;
            }
            return icmp.matches(p.u8(off), p.u8(off + 1)) != icmpInv;
        }
        return true;
    }
}
