package org.pkttables.ext.matches.impl;

import org.pkttables.api.ext.KernelRefusal;
import org.pkttables.api.ext.ParameterProblem;
import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;

/**
 * The {@code addrtype} match (libxt_addrtype revision 1): the route type of the source and/or
 * destination address. The kernel asks the routing table; without one, the type is derived from the
 * address alone (see {@link AddrtypeMatch}), so LOCAL means loopback only and the routing-table types
 * (ANYCAST, BLACKHOLE, UNREACHABLE, PROHIBIT, THROW, NAT, XRESOLVE) never match.
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=addrtype")
public final class AddrtypeMatchType extends DescribedExtension implements MatchType {
    static final Param<Integer> SRC = Param.of("--src-type", AddrTypes.TYPE).invertible()
            .listed("src-type {!}{v}").help("type[,type]...: the source address is of one of these types");
    static final Param<Integer> DST = Param.of("--dst-type", AddrTypes.TYPE).invertible()
            .listed("dst-type {!}{v}").help("type[,type]...: the destination address is of one of these types");
    static final Param<Boolean> IN = Param.of("--limit-iface-in", ParamTypes.flag())
            .listed("limit-in").help("only the incoming interface's addresses (PREROUTING, INPUT, FORWARD)");
    static final Param<Boolean> OUT = Param.of("--limit-iface-out", ParamTypes.flag())
            .listed("limit-out").help("only the outgoing interface's addresses (FORWARD, OUTPUT, POSTROUTING)");

    public AddrtypeMatchType() {
        super(ExtensionDescriptor.match("addrtype").ip().listing("ADDRTYPE match")
                .params(SRC, DST, IN, OUT).exclusive(IN, OUT).help("addrtype match: address types (unicast, local, multicast ...)")
                .build());
    }

    @Override
    public Match compile(Args args) {
        if (!args.has(SRC) && !args.has(DST)) {
            throw new ParameterProblem("--src-type or --dst-type is required", "addrtype: you must specify --src-type or --dst-type");
        }
        if (args.has(IN) && args.has(OUT)) {
            throw new IllegalArgumentException("--limit-iface-in and --limit-iface-out cannot be used together");
        }
        Hook h = args.hook();
        if (args.has(IN) && (h == Hook.OUTPUT || h == Hook.POSTROUTING)) {
            throw new KernelRefusal("--limit-iface-in is not valid in " + h);
        }
        if (args.has(OUT) && (h == Hook.PREROUTING || h == Hook.INPUT)) {
            throw new KernelRefusal("--limit-iface-out is not valid in " + h);
        }
        boolean v6 = args.family() == Family.IPV6;
        int all = args.getOr(SRC, 0) | args.getOr(DST, 0);
        if (v6 && (all & AddrTypes.NOT_IPV6) != 0) {
            throw new KernelRefusal("IPv6 does not support " + AddrTypes.TYPE.format(all & AddrTypes.NOT_IPV6)
                    .get(0) + " matching");
        }
        return new AddrtypeMatch(v6, args.getOr(SRC, 0), args.inverted(SRC), args.getOr(DST, 0), args.inverted(DST));
    }
}
