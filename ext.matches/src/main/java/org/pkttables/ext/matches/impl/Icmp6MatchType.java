package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;

/** The IPv6 {@code icmp6} match (libip6t_icmp6): {@code --icmpv6-type name|type[/code]}. */
@Component(service = MatchType.class, property = MatchType.NAME + "=icmp6")
public final class Icmp6MatchType implements MatchType {
    static final Param<IcmpTypeSpec> TYPE = Param.of("--icmpv6-type", IcmpTypeType.ICMPV6).invertible().mandatory()
            .help("ICMPv6 type name, number or type/code");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.match("icmp6").families(Family.IPV6)
            .protocol("ipv6-icmp").params(TYPE).help("icmp6 match: ICMPv6 type and code").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Match compile(Args args) {
        if (!args.has(TYPE)) {
            throw new IllegalArgumentException("icmp6: option --icmpv6-type must be specified");
        }
        return new IcmpMatch(58, false, args.get(TYPE), args.inverted(TYPE));
    }
}
