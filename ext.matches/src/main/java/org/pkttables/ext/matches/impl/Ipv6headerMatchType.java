package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;

/** The {@code ipv6header} match (libip6t_ipv6header): which extension headers the packet carries. */
@Component(service = MatchType.class, property = MatchType.NAME + "=ipv6header")
public final class Ipv6headerMatchType extends DescribedExtension implements MatchType {
    static final Param<Integer> HEADER = Param.of("--header", Ipv6HeaderSetType.INSTANCE).invertible().mandatory()
            .listed("flags:{!}{v}").help("headers: exactly these (or with --soft: at least these)");
    static final Param<Boolean> SOFT = Param.of("--soft", ParamTypes.flag())
            .listed("soft").help("match if the packet has at least the headers given");

    public Ipv6headerMatchType() {
        super(ExtensionDescriptor.match("ipv6header").listing("ipv6header")
                .families(Family.IPV6).params(HEADER, SOFT).help("ipv6header match: IPv6 extension headers").build());
    }

    @Override
    public Match compile(Args args) {
        if (!args.has(HEADER)) {
            throw new IllegalArgumentException("option --header must be specified");
        }
        return new Ipv6headerMatch(args.get(HEADER), args.inverted(HEADER), args.has(SOFT));
    }
}
