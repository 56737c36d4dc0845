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
    /**
     * The tos value, listed by {@code -L} as tos_mt_print does: its RFC 1349 name (after a blank) where the
     * mask is 0x3f and names are wanted, else {@code 0x10/0x3f} glued to {@code tos match}.
     */
    private static final org.pkttables.api.ext.ParamType<ValueMask> LISTED_TOS = ParamTypes.listedAs(
            ParamTypes.tos(), (v, ctx) -> {
                String name = ctx.numeric() || v.mask() != 0x3f ? null : ParamTypes.tosName(v.value());
                return name != null ? java.util.List.of(" " + name) : ParamTypes.tos().format(v);
            });

    static final Param<ValueMask> TOS = Param.of("--tos", LISTED_TOS).invertible().mandatory()
            .listed("tos match{!}{v}").help("value[/mask] or a symbolic name");

    public TosMatchType() {
        super(ExtensionDescriptor.match("tos").ip().listing("")
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
