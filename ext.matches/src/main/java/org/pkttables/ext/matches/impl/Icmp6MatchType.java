package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;

/** The IPv6 {@code icmp6} match (libip6t_icmp6): {@code --icmpv6-type name|type[/code]}. */
@Component(service = MatchType.class, property = MatchType.NAME + "=icmp6")
public final class Icmp6MatchType extends IcmpTypeMatchType {
    static final Param<IcmpTypeSpec> TYPE = Param.of("--icmpv6-type", IcmpTypeType.ICMPV6).invertible().mandatory()
            .help("ICMPv6 type name, number or type/code");

    public Icmp6MatchType() {
        super(ExtensionDescriptor.match("icmp6").families(Family.IPV6).protocol("ipv6-icmp").params(TYPE)
                .listFormatter(IcmpTypeType.ICMPV6.listing("ipv6-icmp", TYPE))
                .help("icmp6 match: ICMPv6 type and code").build(), TYPE, 58, false);
    }
}
