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

/** The {@code mark} match (libxt_mark): {@code (packet mark & mask) == value}. */
@Component(service = MatchType.class, property = MatchType.NAME + "=mark")
public final class MarkMatchType extends DescribedExtension implements MatchType {
    static final Param<ValueMask> MARK = Param.of("--mark", ParamTypes.valueMask32(false)).invertible().mandatory()
            .listed("mark match{ !} {v}")
            .help("value[/mask]: match if (mark & mask) == value");

    public MarkMatchType() {
        super(ExtensionDescriptor.match("mark")
                .families(Family.IPV4, Family.IPV6, Family.ARP)
                .listing("").params(MARK).help("mark match: the packet's firewall mark").build());
    }

    @Override
    public Match compile(Args args) {
        if (!args.has(MARK)) {
            throw new IllegalArgumentException("mark: option --mark must be specified");
        }
        ValueMask vm = args.get(MARK);
        return new MarkMatch((int) vm.value(), (int) vm.mask(), args.inverted(MARK));
    }
}
