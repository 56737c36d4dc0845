package org.pkttables.example.portparity;

import java.util.Map;
import java.util.function.Function;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;

/**
 * Example extension: {@code -m portparity [!] --sport-parity odd|even} matches TCP and UDP packets by
 * whether their source port is odd or even. A complete extension is this one class: a descriptor
 * (from which the core generates parsing, listing, save and help), {@link #compile} (checks a rule's
 * values once) and the returned {@link Match} (the hot path). Deploy the jar into the appliance's
 * deploy directory; remove it and the rules using it stay listed but drop packets until it returns.
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=portparity")
public final class PortParityMatch implements MatchType {
    private static final int TCP = 6;
    private static final int UDP = 17;

    /** The parity a source port must have; the listing prints it by name. */
    public enum Parity { ODD, EVEN }

    static final Param<Parity> SPORT_PARITY = Param
            .of("--sport-parity", ParamTypes.choice("parity", Map.of("odd", Parity.ODD, "even", Parity.EVEN),
                    (Function<Parity, String>) p -> p == Parity.ODD ? "odd" : "even"))
            .invertible().mandatory().help("match if the source port is odd or even");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.match("portparity").ip()
            .params(SPORT_PARITY).help("portparity match: TCP/UDP source port is odd or even (example extension)")
            .build();

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Match compile(Args args) {
        if (args.protocolInverted() || (args.protocol() != TCP && args.protocol() != UDP)) {
            throw new IllegalArgumentException("portparity needs \"-p tcp\" or \"-p udp\"");
        }
        int want = args.get(SPORT_PARITY) == Parity.ODD ? 1 : 0;
        boolean invert = args.inverted(SPORT_PARITY);
        return p -> matches(p, want, invert);
    }

    /** Hot path: reads two bytes through the bounded accessors, allocates nothing. */
    private static boolean matches(PacketContext p, int wantLowBit, boolean invert) {
        int l4 = p.l4Offset();
        // Later fragments carry no port; a truncated header cannot match either way (like xt_tcpudp).
        if (l4 < 0 || p.fragOffset() != 0) {
            return false;
        }
        int sport = p.u16(l4);
        if (sport < 0) {
            return false;
        }
        return ((sport & 1) == wantLowBit) != invert;
    }
}
