package org.pkttables.nat.impl;

import org.pkttables.api.Hook;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/**
 * The {@code REDIRECT} target (libxt_REDIRECT): destination NAT to the appliance itself, the input port's
 * address (loopback for its own packets); nat table PREROUTING/OUTPUT.
 */
final class RedirectTargetType implements TargetType {
    static final Param<NatRange> PORTS = Param.of("--to-ports", NatRangeType.PORTS)
            .help("port[-port] to redirect to");
    static final Param<Boolean> RANDOM = Param.of("--random", ParamTypes.flag()).help("randomize the port");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.target("REDIRECT").ip()
            .tables("nat").hooks(Hook.PREROUTING, Hook.OUTPUT).params(PORTS, RANDOM).terminal()
            .help("REDIRECT: destination NAT to the appliance (IPv4; NAT66 is not built yet)").build();

    private final NatCore core;

    RedirectTargetType(NatCore core) {
        this.core = core;
    }

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Target compile(Args a) {
        Nat66.refuse(a, "REDIRECT");
        NatRange r = a.has(PORTS) ? a.get(PORTS) : NatRange.addresses(0, 0);
        if (a.has(PORTS)) {
            NatRangeType.checkProtocol(a.protocol(), a.protocolInverted());
        }
        return new NatTarget(core, NatTarget.Kind.REDIRECT, NatCore.DST, r, a.has(RANDOM) ? NatCore.RANDOM : 0, 0);
    }

    @Override
    public String toString() {
        return "REDIRECT";
    }
}
