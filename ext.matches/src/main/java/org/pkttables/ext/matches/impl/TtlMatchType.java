package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;

/** The {@code ttl} match (libipt_ttl): the IPv4 time to live equal to, below or above a value. */
@Component(service = MatchType.class, property = MatchType.NAME + "=ttl")
public final class TtlMatchType implements MatchType {
    static final Param<Long> EQ = Param.of("--ttl-eq", ParamTypes.uint(0, 255)).alias("--ttl").invertible()
            .help("match time to live value");
    static final Param<Long> LT = Param.of("--ttl-lt", ParamTypes.uint(0, 255)).help("match TTL < value");
    static final Param<Long> GT = Param.of("--ttl-gt", ParamTypes.uint(0, 255)).help("match TTL > value");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.match("ttl").families(Family.IPV4)
            .params(EQ, LT, GT).help("ttl match: IPv4 time to live").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Match compile(Args args) {
        return HopLimitMatch.compile(args, EQ, LT, GT, 8, "ttl");
    }
}
