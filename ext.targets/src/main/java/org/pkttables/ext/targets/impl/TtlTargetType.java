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

/** The {@code TTL} target (libipt_TTL): set, increment or decrement the IPv4 time to live (mangle table). */
@Component(service = TargetType.class, property = TargetType.NAME + "=TTL")
public final class TtlTargetType extends DescribedExtension implements TargetType {
    static final Param<Long> SET = Param.of("--ttl-set", ParamTypes.uint(0, 255)).help("set TTL to value");
    static final Param<Long> DEC = Param.of("--ttl-dec", ParamTypes.uint(1, 255)).help("decrement TTL by value");
    static final Param<Long> INC = Param.of("--ttl-inc", ParamTypes.uint(1, 255)).help("increment TTL by value");

    public TtlTargetType() {
        super(ExtensionDescriptor.target("TTL").families(Family.IPV4)
                .tables("mangle").params(SET, DEC, INC).help("TTL: change the IPv4 time to live (non-terminating)")
                .build());
    }

    @Override
    public Target compile(Args args) {
        return HopLimitTarget.compile(args, SET, INC, DEC, false);
    }
}
