package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;

/** The {@code udp} match (libxt_udp): source and destination port ranges. */
@Component(service = MatchType.class, property = MatchType.NAME + "=udp")
public final class UdpMatchType extends DescribedExtension implements MatchType {
    static final Param<NumRange> SPORT = Param.of("--sport", PortRangeType.UDP).alias("--source-port")
            .invertible().listed("spt{s}:{!}{v}").help("source port or port range lo:hi");
    static final Param<NumRange> DPORT = Param.of("--dport", PortRangeType.UDP).alias("--destination-port")
            .invertible().listed("dpt{s}:{!}{v}").help("destination port or port range lo:hi");

    public UdpMatchType() {
        super(ExtensionDescriptor.match("udp").ip().protocolCheckedByTool("udp").listing("udp")
                .params(SPORT, DPORT).help("udp match: source/destination ports").build());
    }

    @Override
    public Args canonicalize(Args args) {
        Args.Builder b = args.toBuilder();
        PortRangeType.dropIfAll(args, b, SPORT);
        PortRangeType.dropIfAll(args, b, DPORT);
        return b.build();
    }

    @Override
    public boolean vanishes(Args given) {
        return PortRangeType.vanishes(given, SPORT, DPORT);
    }

    @Override
    public Match compile(Args args) {
        NumRange s = args.getOr(SPORT, PortRangeType.ALL);
        NumRange d = args.getOr(DPORT, PortRangeType.ALL);
        return new UdpMatch((int) s.lo(), (int) s.hi(), args.inverted(SPORT), (int) d.lo(), (int) d.hi(),
                args.inverted(DPORT));
    }
}
