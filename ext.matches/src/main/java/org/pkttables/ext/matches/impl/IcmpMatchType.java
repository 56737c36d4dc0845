package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;

/** The IPv4 {@code icmp} match (libipt_icmp): {@code --icmp-type name|type[/code]|any}. */
@Component(service = MatchType.class, property = MatchType.NAME + "=icmp")
public final class IcmpMatchType extends IcmpTypeMatchType {
    static final Param<IcmpTypeSpec> TYPE = Param.of("--icmp-type", IcmpTypeType.ICMP).invertible().mandatory()
            .help("ICMP type name, number, type/code or any");

    public IcmpMatchType() {
        super(ExtensionDescriptor.match("icmp").families(Family.IPV4).protocol("icmp").params(TYPE)
                .listFormatter(IcmpTypeType.ICMP.listing("icmp", TYPE))
                .help("icmp match: ICMP type and code").build(), TYPE, 1, true);
    }
}
