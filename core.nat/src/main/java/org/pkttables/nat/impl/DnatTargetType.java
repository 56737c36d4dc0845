package org.pkttables.nat.impl;

import org.pkttables.api.Hook;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/**
 * The {@code DNAT} target (libxt_NAT revision 2): destination NAT to an address range and port range, with
 * the port shift {@code PORT-PORT/BASE}; nat table PREROUTING/OUTPUT. No {@code --random-fully} (1.8.9 has none).
 */
final class DnatTargetType implements TargetType {
    static final Param<NatRange> TO = Param.of("--to-destination", NatRangeType.TO).mandatory()
            .help("address[-address][:port[-port[/base]]] to map the destination to");
    static final Param<Boolean> RANDOM = Param.of("--random", ParamTypes.flag()).help("randomize the port");
    static final Param<Boolean> PERSISTENT = Param.of("--persistent", ParamTypes.flag())
            .help("the same address for a client's connections");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.target("DNAT").ip().tables("nat")
            .hooks(Hook.PREROUTING, Hook.OUTPUT).params(TO, RANDOM, PERSISTENT).terminal()
            .help("DNAT: destination NAT of a new connection (IPv4; NAT66 is not built yet)").build();

    private final NatCore core;

    DnatTargetType(NatCore core) {
        this.core = core;
    }

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Target compile(Args a) {
        Nat66.refuse(a, "DNAT");
        NatRange r = a.get(TO);
        if (r.protoSpecified()) {
            NatRangeType.checkProtocol(a.protocol(), a.protocolInverted());
        }
        int flags = (a.has(RANDOM) ? NatCore.RANDOM : 0) | (a.has(PERSISTENT) ? NatCore.PERSISTENT : 0);
        return new NatTarget(core, NatTarget.Kind.RANGE, NatCore.DST, r, flags, 0);
    }

    @Override
    public String toString() {
        return "DNAT";
    }
}
