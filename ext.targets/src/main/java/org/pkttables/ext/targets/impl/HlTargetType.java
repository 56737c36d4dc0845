package org.pkttables.ext.targets.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/** The {@code HL} target (libip6t_HL): set, increment or decrement the IPv6 hop limit (mangle table). */
@Component(service = TargetType.class, property = TargetType.NAME + "=HL")
public final class HlTargetType extends DescribedExtension implements TargetType {
    static final Param<Long> SET = Param.of("--hl-set", ParamTypes.uint(0, 255)).help("set hop limit to value");
    static final Param<Long> DEC = Param.of("--hl-dec", ParamTypes.uint(1, 255)).help("decrement hop limit by value");
    static final Param<Long> INC = Param.of("--hl-inc", ParamTypes.uint(1, 255)).help("increment hop limit by value");

    public HlTargetType() {
        super(ExtensionDescriptor.target("HL").families(Family.IPV6)
                .tables("mangle").params(SET, DEC, INC).help("HL: change the IPv6 hop limit (non-terminating)")
                .build());
    }

    @Override
    public Target compile(Args args) {
        return HopLimitTarget.compile(args, SET, INC, DEC, true);
    }
}
