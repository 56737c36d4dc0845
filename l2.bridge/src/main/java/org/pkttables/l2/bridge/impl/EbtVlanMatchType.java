package org.pkttables.l2.bridge.impl;

import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamType;

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
        return new ParamType<>("number", 1) {
            @Override
            public Integer parse(List<String> words) {
                String w = words.get(0);
                try {
                    int v = Integer.parseInt(w);
                    if (v >= 0 && v <= max) {
                        return v;
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Invalid " + opt + " range ('" + w + "')", e);
                }
                throw new IllegalArgumentException("Invalid " + opt + " range ('" + w + "')");
            }

            @Override
            public List<String> format(Integer v) {
                return List.of(Integer.toString(v));
            }
        };
    }

    private static ParamType<Integer> encapType() {
        return new ParamType<>("protocol", 1) {
            @Override
            public Integer parse(List<String> words) {
                int n = EtherTypes.number(words.get(0));
                if (n < 0x0600) {
                    throw new IllegalArgumentException("Problem with the specified encapsulated protocol '"
                            + words.get(0) + "'");
                }
                return n;
            }

            @Override
            public List<String> format(Integer v) {
                return List.of(String.format(Locale.ROOT, "%04X", v));
            }
        };
    }

    @Override
    public Match compile(Args a) {
        if (a.params().isEmpty()) {
            throw new IllegalArgumentException("no vlan option given");
        }
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
