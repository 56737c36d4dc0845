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
import org.pkttables.api.ext.ValueMask;

/** The {@code tos} match (libxt_tos revision 1): {@code (TOS & mask) == value}; IPv6 traffic class. */
@Component(service = MatchType.class, property = MatchType.NAME + "=tos")
public final class TosMatchType extends DescribedExtension implements MatchType {
    static final Param<ValueMask> TOS = Param.of("--tos", ParamTypes.tos()).invertible().mandatory()
            .help("value[/mask] or a symbolic name");

    public TosMatchType() {
        super(ExtensionDescriptor.match("tos").ip()
                .params(TOS).help("tos match: IPv4 type of service / IPv6 traffic class").build());
    }

    @Override
    public Match compile(Args args) {
        if (!args.has(TOS)) {
            throw new IllegalArgumentException("option --tos must be specified");
        }
        ValueMask vm = args.get(TOS);
        return new TosMatch(args.family() == Family.IPV6, (int) vm.value(), (int) vm.mask(), args.inverted(TOS));
    }
}
