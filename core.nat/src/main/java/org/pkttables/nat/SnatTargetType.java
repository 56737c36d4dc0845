package org.pkttables.nat;

import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;

/** The {@code SNAT} target (libxt_NAT): source NAT to an address range and port range, nat table INPUT/POSTROUTING. */
final class SnatTargetType extends NatTargetType {
    static final Param<NatRange> TO = Param.of("--to-source", NatRangeType.TO).mandatory().listed("to:{v}")
            .help("address[-address][:port[-port]] to map the source to");
    static final Param<Boolean> RANDOM = Param.of("--random", ParamTypes.flag()).listed("random").help("randomize the port");
    static final Param<Boolean> RANDOM_FULLY = Param.of("--random-fully", ParamTypes.flag()).listed("random-fully")
            .help("fully randomize the port");
    static final Param<Boolean> PERSISTENT = Param.of("--persistent", ParamTypes.flag()).listed("persistent")
            .help("the same address for a client's connections");

    private static ExtensionDescriptor descriptor(Family f) {
        return ExtensionDescriptor.target("SNAT").families(f).tables("nat")
                .hooks(Hook.INPUT, Hook.POSTROUTING).listing("").params(TO, RANDOM, RANDOM_FULLY, PERSISTENT).terminal()
                .help("SNAT: source NAT of a new connection" + serves(f)).build();
    }

    SnatTargetType(NatCore core, NatFamily family) {
        super(core, family, descriptor(family.family()));
    }

    @Override
    Target compileTarget(Args a) {
        return family.target(core, NatTarget.Kind.RANGE, NatCore.SRC, range(a, TO, null),
                flags(a, RANDOM, RANDOM_FULLY, PERSISTENT), 0, 0);
    }
}
