package org.pkttables.ext.targets.impl;

import org.pkttables.api.ext.KernelRefusal;
import org.pkttables.api.ext.ParameterProblem;
import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/**
 * The {@code TCPMSS} target (libxt_TCPMSS): lowers the MSS option of TCP packets to a value, or to the
 * path MTU minus the headers. Needs {@code -p tcp}. Of {@code --set-mss} and {@code --clamp-mss-to-pmtu}
 * the one given last counts, as in iptables 1.8.9.
 *
 * <p>Without routing information the path MTU is taken to be {@value #ASSUMED_MTU} (Ethernet), so the
 * clamp gives 1460 for IPv4 and 1440 for IPv6.
 */
@Component(service = TargetType.class, property = TargetType.NAME + "=TCPMSS")
public final class TcpmssTargetType extends DescribedExtension implements TargetType {
    static final int ASSUMED_MTU = 1500;

    static final Param<Long> SET_MSS = Param.of("--set-mss", ParamTypes.uint(0, 65534)).listed("TCPMSS set {v}")
            .help("value: lower the MSS option to this");
    static final Param<Boolean> CLAMP = Param.of("--clamp-mss-to-pmtu", ParamTypes.flag()).listed("TCPMSS clamp to PMTU")
            .help("lower the MSS option to the path MTU minus 40 (IPv4) / 60 (IPv6) bytes");

    public TcpmssTargetType() {
        super(ExtensionDescriptor.target("TCPMSS").ip().listing("")
                .params(SET_MSS, CLAMP).help("TCPMSS: lower the TCP MSS option (non-terminating)").build());
    }

    /** The option given last (SET_MSS or CLAMP). */
    private static Param<?> effective(Args args) {
        Param<?> last = null;
        for (Param<?> p : args.params()) {
            if (p == SET_MSS || p == CLAMP) {
                last = p;
            }
        }
        if (last == null) {
            throw new ParameterProblem("one of --set-mss or --clamp-mss-to-pmtu is required", "TCPMSS target: At least one parameter is required");
        }
        return last;
    }

    @Override
    public Args canonicalize(Args args) {
        return args.toBuilder().remove(effective(args) == CLAMP ? SET_MSS : CLAMP).build();
    }

    @Override
    public Target compile(Args args) {
        if (args.protocol() != 6 || args.protocolInverted()) {
            throw new KernelRefusal("TCPMSS needs \"-p tcp\"");
        }
        boolean v6 = args.family() == Family.IPV6;
        if (effective(args) == CLAMP) {
            Hook h = args.hook();
            if (h == Hook.PREROUTING || h == Hook.INPUT) {
                throw new KernelRefusal("--clamp-mss-to-pmtu is only valid in FORWARD, OUTPUT and"
                        + " POSTROUTING, not in " + h);
            }
            return new TcpmssTarget(ASSUMED_MTU - (v6 ? 60 : 40));
        }
        return new TcpmssTarget(args.get(SET_MSS).intValue());
    }
}
