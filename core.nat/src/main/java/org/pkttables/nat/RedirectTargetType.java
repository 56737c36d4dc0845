package org.pkttables.nat;

import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;

/**
 * The {@code REDIRECT} target (libxt_REDIRECT): destination NAT to the appliance itself, the input port's
 * address (loopback for its own packets); nat table PREROUTING/OUTPUT.
 */
final class RedirectTargetType extends NatTargetType {
    static final Param<NatRange> PORTS = Param.of("--to-ports", NatRangeType.PORTS).listed("redir ports {v}")
            .help("port[-port] to redirect to");
    static final Param<Boolean> RANDOM = Param.of("--random", ParamTypes.flag()).listed("random").help("randomize the port");

    private static ExtensionDescriptor descriptor(Family f) {
        return ExtensionDescriptor.target("REDIRECT").families(f)
                .tables("nat").hooks(Hook.PREROUTING, Hook.OUTPUT).listing("").params(PORTS, RANDOM).terminal()
                .help("REDIRECT: destination NAT to the appliance" + serves(f)).build();
    }

    RedirectTargetType(NatCore core, NatFamily family) {
        super(core, family, descriptor(family.family()));
    }

    @Override
    Target compileTarget(Args a) {
        return family.target(core, NatTarget.Kind.REDIRECT, NatCore.DST, range(a, PORTS, NatRange.addresses(0, 0)),
                flags(a, RANDOM, null, null), 0, 0);
    }
}
