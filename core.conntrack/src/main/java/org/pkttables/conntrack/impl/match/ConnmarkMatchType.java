package org.pkttables.conntrack.impl.match;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.ValueMask;
import org.pkttables.conntrack.PacketConntrack;

/**
 * The {@code connmark} match (libxt_connmark): the connection's mark under a mask. A packet without a
 * connection never matches, negated or not, as in the kernel.
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=connmark")
public final class ConnmarkMatchType implements MatchType {
    static final Param<ValueMask> MARK = Param.of("--mark", ParamTypes.valueMask32(false)).invertible().mandatory()
            .listed("connmark match {!} {v}")
            .help("value[/mask]: the connection mark, masked, equals value");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.match("connmark")
            .families(Family.IPV4, Family.IPV6).listing("").params(MARK)
            .help("connmark match: the mark of the packet's connection (set with CONNMARK)").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Match compile(Args args) {
        ValueMask vm = args.get(MARK);
        int value = (int) vm.value();
        int mask = (int) vm.mask();
        boolean inv = args.inverted(MARK);
        return p -> {
            Object ct = p.conntrack();
            if (!(ct instanceof PacketConntrack) || ((PacketConntrack) ct).entryId() < 0) {
                return false;
            }
            return ((((PacketConntrack) ct).mark() & mask) == value) != inv;
        };
    }
}
