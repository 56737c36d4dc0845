package org.pkttables.nat.impl;

import org.pkttables.api.Hook;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/** The {@code SNAT} target (libxt_NAT): source NAT to an address range and port range, nat table INPUT/POSTROUTING. */
final class SnatTargetType implements TargetType {
    static final Param<NatRange> TO = Param.of("--to-source", NatRangeType.TO).mandatory()
            .help("address[-address][:port[-port]] to map the source to");
    static final Param<Boolean> RANDOM = Param.of("--random", ParamTypes.flag()).help("randomize the port");
    static final Param<Boolean> RANDOM_FULLY = Param.of("--random-fully", ParamTypes.flag())
            .help("fully randomize the port");
    static final Param<Boolean> PERSISTENT = Param.of("--persistent", ParamTypes.flag())
            .help("the same address for a client's connections");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.target("SNAT").ip().tables("nat")
            .hooks(Hook.INPUT, Hook.POSTROUTING).params(TO, RANDOM, RANDOM_FULLY, PERSISTENT).terminal()
            .help("SNAT: source NAT of a new connection (IPv4; NAT66 is not built yet)").build();

    private final NatCore core;

    SnatTargetType(NatCore core) {
        this.core = core;
    }

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Target compile(Args a) {
        Nat66.refuse(a, "SNAT");
        NatRange r = a.get(TO);
        if (r.protoSpecified()) {
            NatRangeType.checkProtocol(a.protocol(), a.protocolInverted());
        }
        int flags = (a.has(RANDOM) ? NatCore.RANDOM : 0) | (a.has(RANDOM_FULLY) ? NatCore.RANDOM_FULLY : 0)
                | (a.has(PERSISTENT) ? NatCore.PERSISTENT : 0);
        return new NatTarget(core, NatTarget.Kind.RANGE, NatCore.SRC, r, flags, 0);
    }

    @Override
    public String toString() {
        return "SNAT";
    }
}
