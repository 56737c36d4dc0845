package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;

/** The {@code hl} match (libip6t_hl): the IPv6 hop limit equal to, below or above a value. */
@Component(service = MatchType.class, property = MatchType.NAME + "=hl")
public final class HlMatchType implements MatchType {
    static final Param<Long> EQ = Param.of("--hl-eq", ParamTypes.uint(0, 255)).alias("--hl").invertible()
            .help("match hop limit value");
    static final Param<Long> LT = Param.of("--hl-lt", ParamTypes.uint(0, 255)).help("match HL < value");
    static final Param<Long> GT = Param.of("--hl-gt", ParamTypes.uint(0, 255)).help("match HL > value");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.match("hl").families(Family.IPV6)
            .params(EQ, LT, GT).help("hl match: IPv6 hop limit").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Match compile(Args args) {
        return HopLimitMatch.compile(args, EQ, LT, GT, 7, "hl");
    }
}
