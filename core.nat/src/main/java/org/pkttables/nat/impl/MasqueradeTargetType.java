package org.pkttables.nat.impl;

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

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.target("MASQUERADE").ip()
            .tables("nat").hooks(Hook.POSTROUTING).listing("").params(PORTS, RANDOM, RANDOM_FULLY).terminal()
            .help("MASQUERADE: source NAT to the output port's address (IPv4 and IPv6)").build();

    MasqueradeTargetType(NatCore core) {
        super(core, DESCRIPTOR);
    }

    @Override
    Target compileTarget(Args a, boolean v6) {
        return new NatTarget(core, v6, NatTarget.Kind.MASQUERADE, NatCore.SRC, range(a, PORTS, NatRange.addresses(0, 0)),
                flags(a, RANDOM, RANDOM_FULLY, null), 0, 0);
    }
}
