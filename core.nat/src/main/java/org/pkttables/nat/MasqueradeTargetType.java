package org.pkttables.nat;

import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;

/**
 * The {@code MASQUERADE} target (libipt_MASQUERADE): source NAT to the output port's address, which router
 * mode's address table gives (as the kernel's inet_select_addr); nat table POSTROUTING only.
 */
final class MasqueradeTargetType extends NatTargetType {
    static final Param<NatRange> PORTS = Param.of("--to-ports", NatRangeType.PORTS).listed("masq ports: {v}")
            .help("port[-port] to map the source port into");
    static final Param<Boolean> RANDOM = Param.of("--random", ParamTypes.flag()).listed("random").help("randomize the port");
    static final Param<Boolean> RANDOM_FULLY = Param.of("--random-fully", ParamTypes.flag()).listed("random-fully")
            .help("fully randomize the port");

    private static ExtensionDescriptor descriptor(Family f) {
        return ExtensionDescriptor.target("MASQUERADE").families(f)
                .tables("nat").hooks(Hook.POSTROUTING).listing("").params(PORTS, RANDOM, RANDOM_FULLY).terminal()
                .help("MASQUERADE: source NAT to the output port's address" + serves(f)).build();
    }

    MasqueradeTargetType(NatCore core, NatFamily family) {
        super(core, family, descriptor(family.family()));
    }

    @Override
    Target compileTarget(Args a) {
        return family.target(core, NatTarget.Kind.MASQUERADE, NatCore.SRC, range(a, PORTS, NatRange.addresses(0, 0)),
                flags(a, RANDOM, RANDOM_FULLY, null), 0, 0);
    }
}
