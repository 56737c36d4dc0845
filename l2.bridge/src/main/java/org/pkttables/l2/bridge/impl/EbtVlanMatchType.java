package org.pkttables.l2.bridge.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;

/** ebtables' vlan match: the 802.1Q tag of a tagged frame (-p 802_1Q): VLAN id, priority, encapsulated type. */
@Component(service = MatchType.class, property = MatchType.NAME + "=vlan")
public final class EbtVlanMatchType implements MatchType {
    static final Param<Integer> ID = Param.of("--vlan-id", number(4094, "--vlan-id")).invertible()
            .help("VLAN id 0-4094");
    static final Param<Integer> PRIO = Param.of("--vlan-prio", number(7, "--vlan-prio")).invertible()
            .help("user priority 0-7");
    static final Param<Integer> ENCAP = Param.of("--vlan-encap", encapType()).invertible()
            .help("encapsulated Ethernet protocol (name or hex)");

    private static final ExtensionDescriptor D = ExtensionDescriptor.match("vlan").families(Family.BRIDGE)
            .protocol("802_1Q").params(ID, PRIO, ENCAP).help("vlan: 802.1Q tag fields (-p 802_1Q)").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return D;
    }

    private static ParamType<Integer> number(int max, String opt) {
        return ParamTypes.word("number", w -> {
            try {
                int v = Integer.parseInt(w);
                if (v >= 0 && v <= max) {
                    return v;
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid " + opt + " range ('" + w + "')", e);
            }
            throw new IllegalArgumentException("Invalid " + opt + " range ('" + w + "')");
        }, v -> Integer.toString(v));
    }

    private static ParamType<Integer> encapType() {
        return EtherTypes.type("protocol", 0x0600, "Problem with the specified encapsulated protocol", "%04X");
    }

    @Override
    public Match compile(Args a) {
        EbtMatchArgs.atLeastOne(a, "vlan");
        int id = a.has(ID) ? a.get(ID) : -1;
        boolean idInv = a.inverted(ID);
        int prio = a.has(PRIO) ? a.get(PRIO) : -1;
        boolean prioInv = a.inverted(PRIO);
        int encap = a.has(ENCAP) ? a.get(ENCAP) : -1;
        boolean encapInv = a.inverted(ENCAP);
        return p -> {
            int tag = p.l2Offset() + BridgeHandler.ETH_HLEN;
            if (!p.has(tag, 4)) {
                return false;
            }
            int tci = p.u16(tag);
            if (id >= 0 && ((tci & 0x0fff) == id) == idInv) {
                return false;
            }
            if (prio >= 0 && ((tci >>> 13) == prio) == prioInv) {
                return false;
            }
            return encap < 0 || (p.u16(tag + 2) == encap) != encapInv;
        };
    }
}
