package org.pkttables.nat;

import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;

/**
 * The {@code DNAT} target (libxt_NAT revision 2): destination NAT to an address range and port range, with
 * the port shift {@code PORT-PORT/BASE}; nat table PREROUTING/OUTPUT. No {@code --random-fully} (1.8.9 has none).
 */
final class DnatTargetType extends NatTargetType {
    static final Param<NatRange> TO = Param.of("--to-destination", NatRangeType.TO).mandatory().listed("to:{v}")
            .help("address[-address][:port[-port[/base]]] to map the destination to");
    static final Param<Boolean> RANDOM = Param.of("--random", ParamTypes.flag()).listed("random").help("randomize the port");
    static final Param<Boolean> PERSISTENT = Param.of("--persistent", ParamTypes.flag()).listed("persistent")
            .help("the same address for a client's connections");

    private static ExtensionDescriptor descriptor(Family f) {
        return ExtensionDescriptor.target("DNAT").families(f).tables("nat")
                .hooks(Hook.PREROUTING, Hook.OUTPUT).listing("").params(TO, RANDOM, PERSISTENT).terminal()
                .help("DNAT: destination NAT of a new connection" + serves(f)).build();
    }

    DnatTargetType(NatCore core, NatFamily family) {
        super(core, family, descriptor(family.family()));
    }

    @Override
    Target compileTarget(Args a) {
        return family.target(core, NatTarget.Kind.RANGE, NatCore.DST, range(a, TO, null),
                flags(a, RANDOM, null, PERSISTENT), 0, 0);
    }
}
