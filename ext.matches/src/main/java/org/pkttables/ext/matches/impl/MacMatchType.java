package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;

/** The {@code mac} match (libxt_mac): Ethernet source address of frames that came in on an interface. */
@Component(service = MatchType.class, property = MatchType.NAME + "=mac")
public final class MacMatchType extends DescribedExtension implements MatchType {
    static final Param<Long> SOURCE = Param.of("--mac-source", ParamTypes.mac()).invertible().mandatory().listed("MAC{ !} {v}")
            .help("source MAC address XX:XX:XX:XX:XX:XX");

    // Only where a received frame still has its Ethernet header: the kernel's xt_mac hook mask.
    public MacMatchType() {
        super(ExtensionDescriptor.match("mac")
                .families(Family.IPV4, Family.IPV6, Family.ARP, Family.BRIDGE)
                .hooks(Hook.PREROUTING, Hook.INPUT, Hook.FORWARD)
                .listing("").params(SOURCE).help("mac match: Ethernet source address").build());
    }

    @Override
    public Match compile(Args args) {
        if (!args.has(SOURCE)) {
            throw new IllegalArgumentException("mac: option --mac-source must be specified");
        }
        return new MacMatch(args.get(SOURCE), args.inverted(SOURCE));
    }
}
