package org.pkttables.ext.matches.impl;

import org.pkttables.api.ext.KernelRefusal;
import org.pkttables.api.ext.ParameterProblem;
import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Hook;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;

/**
 * The {@code physdev} match (libxt_physdev): the bridge ports a bridged packet came in on and goes out
 * of. pkttables' IP families do not bridge, so the packet's own interfaces stand for the ports (see
 * {@link PhysdevMatch}); parsing and listing are those of iptables.
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=physdev")
public final class PhysdevMatchType extends DescribedExtension implements MatchType {
    static final Param<Boolean> IS_IN = Param.of("--physdev-is-in", ParamTypes.flag()).invertible()
            .listed("{! }--physdev-is-in").help("the packet came in on a bridge port");
    static final Param<String> IN = Param.of("--physdev-in", ParamTypes.iface()).invertible()
            .listed("{! }--physdev-in {v}").help("bridge port the packet came in on (+ matches any suffix)");
    static final Param<Boolean> IS_OUT = Param.of("--physdev-is-out", ParamTypes.flag()).invertible()
            .listed("{! }--physdev-is-out").help("the packet goes out of a bridge port");
    static final Param<String> OUT = Param.of("--physdev-out", ParamTypes.iface()).invertible()
            .listed("{! }--physdev-out {v}").help("bridge port the packet goes out of");
    static final Param<Boolean> IS_BRIDGED = Param.of("--physdev-is-bridged", ParamTypes.flag()).invertible()
            .listed("{! }--physdev-is-bridged").help("the packet is bridged");

    public PhysdevMatchType() {
        super(ExtensionDescriptor.match("physdev").ip().listing("PHYSDEV match")
                .params(IS_IN, IN, IS_OUT, OUT, IS_BRIDGED).help("physdev match: bridge ports").build());
    }

    @Override
    public Match compile(Args args) {
        if (!args.has(IS_IN) && !args.has(IN) && !args.has(IS_OUT) && !args.has(OUT) && !args.has(IS_BRIDGED)) {
            throw new ParameterProblem("at least one option is required", "PHYSDEV: no physdev option specified");
        }
        boolean bridgedOnly = args.has(IS_BRIDGED) && !args.inverted(IS_BRIDGED);
        if ((args.has(OUT) || args.has(IS_OUT)) && !bridgedOnly && args.hook() == Hook.OUTPUT) {
            throw new KernelRefusal("--physdev-out and --physdev-is-out are only supported in FORWARD"
                    + " and POSTROUTING with bridged traffic, not in OUTPUT");
        }
        return new PhysdevMatch(args.has(IS_IN), args.inverted(IS_IN), args.get(IN), args.inverted(IN),
                args.has(IS_OUT), args.inverted(IS_OUT), args.get(OUT), args.inverted(OUT),
                args.has(IS_BRIDGED), args.inverted(IS_BRIDGED));
    }
}
