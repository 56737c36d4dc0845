package org.pkttables.ext.matches.impl;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.PortRange;

/** The {@code udp} match (libxt_udp): source and destination port ranges. */
@Component(service = MatchType.class, property = MatchType.NAME + "=udp")
public final class UdpMatchType implements MatchType {
    static final Param<PortRange> SPORT = Param.of("--sport", PortRangeType.UDP).alias("--source-port")
            .invertible().help("source port or port range lo:hi");
    static final Param<PortRange> DPORT = Param.of("--dport", PortRangeType.UDP).alias("--destination-port")
            .invertible().help("destination port or port range lo:hi");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.match("udp").ip().protocol("udp")
            .params(SPORT, DPORT).help("udp match: source/destination ports").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Args canonicalize(Args args) {
        Args.Builder b = args.toBuilder();
        for (Param<PortRange> p : List.of(SPORT, DPORT)) {
            if (args.has(p) && !args.inverted(p) && args.get(p).equals(PortRangeType.ALL)) {
                b.remove(p);
            }
        }
        return b.build();
    }

    @Override
    public Match compile(Args args) {
        PortRange s = args.getOr(SPORT, PortRangeType.ALL);
        PortRange d = args.getOr(DPORT, PortRangeType.ALL);
        return new UdpMatch(s.lo(), s.hi(), args.inverted(SPORT), d.lo(), d.hi(), args.inverted(DPORT));
    }
}
