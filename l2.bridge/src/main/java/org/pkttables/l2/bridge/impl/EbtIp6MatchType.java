package org.pkttables.l2.bridge.impl;

import org.pkttables.api.ext.KernelRefusal;
import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.PortRange;
import org.pkttables.l3.common.Protocols;

/**
 * ebtables' ip6 match: IPv6 header fields of an IPv6 frame; the protocol, ports and ICMPv6 type are those
 * after the extension headers (hop-by-hop, routing, destination options, fragment), as ipv6_skip_exthdr finds them.
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=ip6")
public final class EbtIp6MatchType implements MatchType {
    static final Param<Ipv6Prefix> SRC = Param.of("--ip6-src", Ipv6Prefix.type()).alias("--ip6-source")
            .invertible().help("source address[/mask]");
    static final Param<Ipv6Prefix> DST = Param.of("--ip6-dst", Ipv6Prefix.type()).alias("--ip6-destination")
            .invertible().help("destination address[/mask]");
    static final Param<Integer> TCLASS = Param.of("--ip6-tclass", HexByte.type(0xff, "IPv6 tclass", "0x%02X"))
            .invertible().help("traffic class (hexadecimal)");
    static final Param<Integer> PROTO = Param.of("--ip6-proto", Protocols.type()).alias("--ip6-protocol")
            .invertible().help("upper-layer protocol (name or number)");
    static final Param<PortRange> SPORT = Param.of("--ip6-sport", ParamTypes.portRange())
            .alias("--ip6-source-port").invertible().help("source port[:port]");
    static final Param<PortRange> DPORT = Param.of("--ip6-dport", ParamTypes.portRange())
            .alias("--ip6-destination-port").invertible().help("destination port[:port]");
    static final Param<IcmpSpec> ICMP = Param.of("--ip6-icmp-type", IcmpSpec.type(IcmpSpec.ICMPV6, true))
            .invertible().help("ICMPv6 type[:type][/code[:code]] or name (needs --ip6-proto ipv6-icmp)");

    private static final ExtensionDescriptor D = ExtensionDescriptor.match("ip6").families(Family.BRIDGE)
            .protocol("IPv6").params(SRC, DST, TCLASS, PROTO, SPORT, DPORT, ICMP)
            .help("ip6: IPv6 header fields of IPv6 frames (-p IPv6)").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return D;
    }

    @Override
    public Match compile(Args a) {
        int proto = UpperLayer.checkedProtocol(a, PROTO, SPORT, DPORT);
        if (a.has(ICMP) && (proto != 58 || a.has(SPORT) || a.has(DPORT))) {
            throw new KernelRefusal("--ip6-icmp-type needs --ip6-proto ipv6-icmp and no ports");
        }
        EbtMatchArgs.atLeastOne(a, "ip6");
        return new Ip6Match(a);
    }

    /** The compiled match; fields the rule does not use are skipped. */
    static final class Ip6Match implements Match {
        private final Ipv6Prefix src;
        private final boolean srcInv;
        private final Ipv6Prefix dst;
        private final boolean dstInv;
        private final int tclass;
        private final boolean tclassInv;
        private final UpperLayer upper;

        Ip6Match(Args a) {
            src = a.get(SRC);
            srcInv = a.inverted(SRC);
            dst = a.get(DST);
            dstInv = a.inverted(DST);
            tclass = a.has(TCLASS) ? a.get(TCLASS) : -1;
            tclassInv = a.inverted(TCLASS);
            upper = new UpperLayer(a, PROTO, SPORT, DPORT, ICMP);
        }

        @Override
        public boolean matches(PacketContext p) {
            int ip = p.l2Offset() + BridgeHandler.ETH_HLEN;
            if (!p.has(ip, 40)) {
                return false;
            }
            if (src != null && src.contains(hi(p, ip + 8), hi(p, ip + 16)) == srcInv) {
                return false;
            }
            if (dst != null && dst.contains(hi(p, ip + 24), hi(p, ip + 32)) == dstInv) {
                return false;
            }
            if (tclass >= 0 && (((p.u16(ip) >> 4) & 0xff) == tclass) == tclassInv) {
                return false;
            }
            if (!upper.hasProtocol() && !upper.readsHeader()) {
                return true;
            }
            // Walk the extension headers to the upper-layer header.
            int next = p.u8(ip + 6);
            int off = ip + 40;
            for (int n = 0; n < 8; n++) {
                if (next == 0 || next == 43 || next == 60) {
                    if (!p.has(off, 2)) {
                        return false;
                    }
                    int nn = p.u8(off);
                    off += (p.u8(off + 1) + 1) * 8;
                    next = nn;
                } else if (next == 44) {
                    if (!p.has(off, 8)) {
                        return false;
                    }
                    boolean later = (p.u16(off + 2) & 0xfff8) != 0;
                    next = p.u8(off);
                    off += 8;
                    if (later) {
                        // A later fragment: no upper-layer header to look at.
                        return upper.hasProtocol() && !upper.readsHeader() && upper.protocolMatches(next);
                    }
                } else {
                    break;
                }
            }
            return upper.protocolMatches(next) && upper.headerMatches(p, off);
        }

        private static long hi(PacketContext p, int i) {
            return (p.u32(i) << 32) | p.u32(i + 4);
        }
    }
}
