package org.pkttables.nat.impl;

import org.pkttables.api.Hook;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/**
 * The {@code MASQUERADE} target (libipt_MASQUERADE): source NAT to the output port's address, which router
 * mode's address table gives (as the kernel's inet_select_addr); nat table POSTROUTING only.
 */
final class MasqueradeTargetType implements TargetType {
    static final Param<NatRange> PORTS = Param.of("--to-ports", NatRangeType.PORTS)
            .help("port[-port] to map the source port into");
    static final Param<Boolean> RANDOM = Param.of("--random", ParamTypes.flag()).help("randomize the port");
    static final Param<Boolean> RANDOM_FULLY = Param.of("--random-fully", ParamTypes.flag())
            .help("fully randomize the port");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.target("MASQUERADE").ip()
            .tables("nat").hooks(Hook.POSTROUTING).params(PORTS, RANDOM, RANDOM_FULLY).terminal()
            .help("MASQUERADE: source NAT to the output port's address (IPv4; NAT66 is not built yet)").build();

    private final NatCore core;

    MasqueradeTargetType(NatCore core) {
        this.core = core;
    }

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Target compile(Args a) {
        Nat66.refuse(a, "MASQUERADE");
        NatRange r = a.has(PORTS) ? a.get(PORTS) : NatRange.addresses(0, 0);
        if (a.has(PORTS)) {
            NatRangeType.checkProtocol(a.protocol(), a.protocolInverted());
        }
        int flags = (a.has(RANDOM) ? NatCore.RANDOM : 0) | (a.has(RANDOM_FULLY) ? NatCore.RANDOM_FULLY : 0);
        return new NatTarget(core, NatTarget.Kind.MASQUERADE, NatCore.SRC, r, flags, 0);
    }

    @Override
    public String toString() {
        return "MASQUERADE";
    }
}
