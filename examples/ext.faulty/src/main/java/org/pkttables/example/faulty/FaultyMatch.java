package org.pkttables.example.faulty;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;

/**
 * A broken extension, for tests only: {@code -m faulty --throw-dport N} throws an
 * {@link IllegalStateException} for every TCP or UDP packet to port N and matches every other packet.
 * It stands for a third-party match with a bug: the appliance must drop and count exactly the packets
 * it throws on (per rule, per worker, in {@code status} and {@code workers}) and keep forwarding the
 * rest. Not part of the appliance; the e2e test drops the jar into the deploy folder.
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=faulty")
public final class FaultyMatch implements MatchType {
    private static final int TCP = 6;
    private static final int UDP = 17;

    static final Param<Long> THROW_DPORT = Param.of("--throw-dport", ParamTypes.uint(0, 65535)).mandatory()
            .help("throw for TCP/UDP packets to this destination port");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.match("faulty").ip()
            .params(THROW_DPORT).help("faulty match: throws for one destination port (test extension)").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Match compile(Args args) {
        int port = (int) (long) args.get(THROW_DPORT);
        return p -> matches(p, port);
    }

    static boolean matches(PacketContext p, int port) {
        int l4 = p.l4Offset();
        int proto = p.l4Proto();
        if (l4 >= 0 && (proto == TCP || proto == UDP) && p.u16(l4 + 2) == port) {
            throw new IllegalStateException("faulty match: thrown on purpose for port " + port);
        }
        return true;
    }
}
