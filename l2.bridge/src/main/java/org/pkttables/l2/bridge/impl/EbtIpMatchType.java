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
import org.pkttables.l3.common.Ipv4Prefix;
import org.pkttables.l3.common.Protocols;

/** ebtables' ip match: fields of the IPv4 header (and ports, ICMP/IGMP types) of an IPv4 frame. */
@Component(service = MatchType.class, property = MatchType.NAME + "=ip")
public final class EbtIpMatchType implements MatchType {
    static final Param<Ipv4Prefix> SRC = Param.of("--ip-src", Ipv4Prefix.type(true)).alias("--ip-source")
            .invertible().help("source address[/mask]");
    static final Param<Ipv4Prefix> DST = Param.of("--ip-dst", Ipv4Prefix.type(true)).alias("--ip-destination")
            .invertible().help("destination address[/mask]");
    static final Param<Integer> TOS = Param.of("--ip-tos", HexByte.type(0xff, "IP tos", "0x%02X")).invertible()
            .help("type of service byte (hexadecimal)");
    static final Param<Integer> PROTO = Param.of("--ip-proto", Protocols.type()).alias("--ip-protocol")
            .invertible().help("IP protocol (name or number)");
    static final Param<PortRange> SPORT = Param.of("--ip-sport", ParamTypes.portRange()).alias("--ip-source-port")
            .invertible().help("source port[:port] (tcp, udp, sctp, dccp, udplite)");
    static final Param<PortRange> DPORT = Param.of("--ip-dport", ParamTypes.portRange())
            .alias("--ip-destination-port").invertible().help("destination port[:port]");
    static final Param<IcmpSpec> ICMP = Param.of("--ip-icmp-type", IcmpSpec.type(IcmpSpec.ICMP, true)).invertible()
            .help("ICMP type[:type][/code[:code]] or name (needs --ip-proto icmp)");
    static final Param<IcmpSpec> IGMP = Param.of("--ip-igmp-type", IcmpSpec.type(IcmpSpec.IGMP, false))
            .invertible().help("IGMP type[:type] or name (needs --ip-proto igmp)");

    private static final ExtensionDescriptor D = ExtensionDescriptor.match("ip").families(Family.BRIDGE)
            .protocol("IPv4").params(SRC, DST, TOS, PROTO, SPORT, DPORT, ICMP, IGMP)
            .help("ip: IPv4 header fields of IPv4 frames (-p IPv4)").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return D;
    }

    @Override
    public Match compile(Args a) {
        int proto = UpperLayer.checkedProtocol(a, PROTO, SPORT, DPORT);
        if (a.has(ICMP) && (proto != 1 || a.has(SPORT) || a.has(DPORT) || a.has(IGMP))) {
            throw new KernelRefusal("--ip-icmp-type needs --ip-proto icmp and no ports or IGMP type");
        }
        if (a.has(IGMP) && (proto != 2 || a.has(SPORT) || a.has(DPORT))) {
            throw new IllegalArgumentException("--ip-igmp-type needs --ip-proto igmp and no ports");
        }
        EbtMatchArgs.atLeastOne(a, "ip");
        return new IpMatch(a);
    }

    /** The compiled match; fields the rule does not use are skipped. */
    static final class IpMatch implements Match {
        private final Ipv4Prefix src;
        private final boolean srcInv;
        private final Ipv4Prefix dst;
        private final boolean dstInv;
        private final int tos;
        private final boolean tosInv;
        private final UpperLayer upper;
        private final IcmpSpec igmp;
        private final boolean igmpInv;

        IpMatch(Args a) {
            src = a.get(SRC);
            srcInv = a.inverted(SRC);
            dst = a.get(DST);
            dstInv = a.inverted(DST);
            tos = a.has(TOS) ? a.get(TOS) : -1;
            tosInv = a.inverted(TOS);
            upper = new UpperLayer(a, PROTO, SPORT, DPORT, ICMP);
            igmp = a.get(IGMP);
            igmpInv = a.inverted(IGMP);
        }

        @Override
        public boolean matches(PacketContext p) {
            int ip = p.l2Offset() + BridgeHandler.ETH_HLEN;
            if (!p.has(ip, 20)) {
                return false;
            }
            if (src != null && src.contains((int) p.u32(ip + 12)) == srcInv) {
                return false;
            }
            if (dst != null && dst.contains((int) p.u32(ip + 16)) == dstInv) {
                return false;
            }
            if (tos >= 0 && (p.u8(ip + 1) == tos) == tosInv) {
                return false;
            }
            if (!upper.protocolMatches(p.u8(ip + 9))) {
                return false;
            }
            if (!upper.readsHeader() && igmp == null) {
                return true;
            }
            // Like the kernel: later fragments carry no L4 header, so L4 fields do not match them.
            if ((p.u16(ip + 6) & 0x1fff) != 0) {
                return false;
            }
            int l4 = ip + (p.u8(ip) & 0x0f) * 4;
            if (igmp != null) {
                return p.has(l4, 2) && igmp.matches(p.u8(l4), 0) != igmpInv;
            }
            return upper.headerMatches(p, l4);
        }
    }
}
