package org.pkttables.ext.rpfilter.impl;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.route.RoutingTable;

/**
 * The {@code rpfilter} match (xt_rpfilter for IPv4, ip6t_rpfilter for IPv6): would a packet to this
 * packet's source leave through the port it came in on? Answered from the appliance's own
 * {@link RoutingTable}. Like the kernel, only in PREROUTING of the raw and mangle tables.
 *
 * <p>The routing table is a mandatory reference: without one this service is not registered, so rules
 * using {@code rpfilter} fail closed (the core drops and counts what reaches them) instead of passing
 * spoofed traffic.
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=rpfilter")
public final class RpfilterMatchType extends DescribedExtension implements MatchType {
    static final Param<Boolean> LOOSE = Param.of("--loose", ParamTypes.flag())
            .listed("loose").help("permit reverse path via any interface");
    // The appliance's table has no policy routing (no ip rule fwmark), so the mark cannot change the
    // answer: --validmark is accepted and listed as iptables does, and the lookup is the same.
    static final Param<Boolean> VALIDMARK = Param.of("--validmark", ParamTypes.flag())
            .listed("validmark").help("use the packet mark for the route lookup (no policy routing here: same answer)");
    static final Param<Boolean> ACCEPT_LOCAL = Param.of("--accept-local", ParamTypes.flag())
            .listed("accept-local").help("do not reject packets with a local source address");
    static final Param<Boolean> INVERT = Param.of("--invert", ParamTypes.flag())
            .listed("invert").help("match packets that failed the reverse path test");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.match("rpfilter").ip().listing("rpfilter")
            .hooks(Hook.PREROUTING).tables("raw", "mangle")
            .params(LOOSE, VALIDMARK, ACCEPT_LOCAL, INVERT)
            .help("rpfilter match: reverse-path filter on the appliance's routing table (raw/mangle PREROUTING)")
            .build();

    private final RoutingTable table;

    @Activate
    public RpfilterMatchType(@Reference RoutingTable table) {
        super(DESCRIPTOR);
        this.table = table;
    }

    @Override
    public Match compile(Args args) {
        return new RpfilterMatch(table, args.family() == Family.IPV6, args.has(LOOSE), args.has(ACCEPT_LOCAL),
                args.has(INVERT));
    }
}
