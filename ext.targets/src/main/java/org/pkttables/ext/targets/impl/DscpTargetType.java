package org.pkttables.ext.targets.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/** The {@code DSCP} target (libxt_DSCP): set the DiffServ code point, keeping the ECN bits (mangle table). */
@Component(service = TargetType.class, property = TargetType.NAME + "=DSCP")
public final class DscpTargetType extends DescribedExtension implements TargetType {
    static final Param<Integer> SET = Param.of("--set-dscp", ParamTypes.dscp()).listed("DSCP set {v}").help("DSCP value 0-63");
    static final Param<Integer> CLASS = Param.of("--set-dscp-class", ParamTypes.dscpClass())
            .help("DiffServ class: CS0-CS7, BE, AF11-AF43, EF; listed as --set-dscp");

    public DscpTargetType() {
        super(ExtensionDescriptor.target("DSCP").ip().tables("mangle").listing("")
                .params(SET, CLASS).exclusive(SET, CLASS).help("DSCP: set the DiffServ code point (non-terminating)").build());
    }

    private static int dscp(Args args) {
        if (args.has(SET) == args.has(CLASS)) {
            throw new ParameterProblem("exactly one of --set-dscp or --set-dscp-class is required", "DSCP target: Parameter --set-dscp is required");
        }
        return args.has(SET) ? args.get(SET) : args.get(CLASS);
    }

    @Override
    public Args canonicalize(Args args) {
        int v = dscp(args);
        return args.toBuilder().remove(CLASS).put(SET, v).build();
    }

    @Override
    public Target compile(Args args) {
        // DSCP is the upper six bits: clear them, keep ECN, put the value in.
        return new TosTarget(args.family() == Family.IPV6, dscp(args) << 2, 0xfc);
    }
}
