package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;

/**
 * The {@code sctp} match (libxt_sctp): ports (numbers only, no service names, as iptables 1.8.9) and
 * chunk types with flags.
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=sctp")
public final class SctpMatchType extends DescribedExtension implements MatchType {
    static final Param<NumRange> SPORT = Param.of("--sport", NumRangeType.SCTP_PORT).alias("--source-port").listed("spt{s}:{!}{v}")
            .invertible().help("source port or range lo:hi");
    static final Param<NumRange> DPORT = Param.of("--dport", NumRangeType.SCTP_PORT).alias("--destination-port").listed("dpt{s}:{!}{v}")
            .invertible().help("destination port or range lo:hi");
    static final Param<SctpChunks> CHUNKS = Param.of("--chunk-types", SctpChunksType.INSTANCE).invertible().listed("{! }{v}")
            .help("all|any|only TYPE[:FLAGS][,...]: chunk types present");

    public SctpMatchType() {
        super(ExtensionDescriptor.match("sctp").ip().protocol("sctp").listing("sctp")
                .params(SPORT, DPORT, CHUNKS).help("sctp match: ports and chunk types").build());
    }

    @Override
    public Match compile(Args args) {
        for (Param<NumRange> p : java.util.List.of(SPORT, DPORT)) {
            if (args.has(p) && args.get(p).lo() > args.get(p).hi()) {
                throw new ParameterProblem("invalid port range " + args.get(p).lo() + ":" + args.get(p).hi()
                        + " for " + p, "invalid portrange (min > max)");
            }
        }
        NumRange all = new NumRange(0, 65535);
        return new SctpMatch(args.getOr(SPORT, all), args.inverted(SPORT), args.getOr(DPORT, all),
                args.inverted(DPORT), args.get(CHUNKS), args.inverted(CHUNKS));
    }
}
