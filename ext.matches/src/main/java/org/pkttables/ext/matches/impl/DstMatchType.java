package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;

/** The {@code dst} match (libip6t_dst): the IPv6 destination options header, its length and options. */
@Component(service = MatchType.class, property = MatchType.NAME + "=dst")
public final class DstMatchType implements MatchType {
    static final Param<Long> LEN = Param.of("--dst-len", ParamTypes.uint(0, 0xffffffffL)).invertible()
            .help("header length in bytes");
    static final Param<Ipv6OptionList> OPTS = Param.of("--dst-opts", Ipv6OptionListType.INSTANCE)
            .help("type[:length][,type[:length]]...: the first options, in order");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.match("dst").families(Family.IPV6)
            .params(LEN, OPTS).help("dst match: IPv6 destination options header").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Match compile(Args args) {
        return new Ipv6OptionsMatch(Ipv6Headers.DEST, args.has(LEN), args.getOr(LEN, 0L), args.inverted(LEN),
                args.get(OPTS));
    }
}
