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
import org.pkttables.l3.common.Ipv4Prefix;

/** ebtables' arp match: fields of the ARP header of an ARP frame (IPv4 over Ethernet addresses). */
@Component(service = MatchType.class, property = MatchType.NAME + "=arp")
public final class EbtArpMatchType implements MatchType {
    static final String[] OPCODES = { "Request", "Reply", "Request_Reverse", "Reply_Reverse", "DRARP_Request",
        "DRARP_Reply", "DRARP_Error", "InARP_Request", "ARP_NAK" };

    static final Param<Integer> OPCODE = Param.of("--arp-op", opcodeType()).alias("--arp-opcode").invertible()
            .help("ARP operation: number or " + String.join(", ", OPCODES));
    static final Param<Integer> HTYPE = Param.of("--arp-htype", htypeType()).invertible()
            .help("hardware type: number or Ethernet");
    static final Param<Integer> PTYPE = Param.of("--arp-ptype", ptypeType()).invertible()
            .help("protocol type: hex number or Ethernet protocol name");
    static final Param<Ipv4Prefix> IP_SRC = Param.of("--arp-ip-src", Ipv4Prefix.type(true)).invertible()
            .help("sender IP address[/mask]");
    static final Param<Ipv4Prefix> IP_DST = Param.of("--arp-ip-dst", Ipv4Prefix.type(true)).invertible()
            .help("target IP address[/mask]");
    static final Param<MacMask> MAC_SRC = Param.of("--arp-mac-src", MacMask.type(false)).invertible()
            .help("sender MAC[/mask]");
    static final Param<MacMask> MAC_DST = Param.of("--arp-mac-dst", MacMask.type(false)).invertible()
            .help("target MAC[/mask]");
    static final Param<Boolean> GRATUITOUS = Param.of("--arp-gratuitous", ParamTypes.flag()).invertible()
            .help("gratuitous ARP: sender IP equals target IP");

    // The opcode is --arp-op when listed (the long form is an input alias).
    private static final ExtensionDescriptor D = ExtensionDescriptor.match("arp").families(Family.BRIDGE)
            .protocol("ARP").params(OPCODE, HTYPE, PTYPE, IP_SRC, IP_DST, MAC_SRC, MAC_DST, GRATUITOUS)
            .help("arp: ARP header fields of ARP frames (-p ARP)").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return D;
    }

    private static ParamType<Integer> opcodeType() {
        return ParamTypes.word("opcode", w -> {
            for (int i = 0; i < OPCODES.length; i++) {
                if (OPCODES[i].equalsIgnoreCase(w)) {
                    return i + 1;
                }
            }
            return (int) number(w, 0xffff, "ARP opcode");
        }, v -> v >= 1 && v <= OPCODES.length ? OPCODES[v - 1] : Integer.toString(v));
    }

    private static ParamType<Integer> htypeType() {
        return ParamTypes.word("hardware type",
                w -> w.equalsIgnoreCase("Ethernet") ? 1 : (int) number(w, 0xffff, "ARP hardware type"),
                v -> Integer.toString(v));
    }

    private static ParamType<Integer> ptypeType() {
        return EtherTypes.type("protocol type", 0, "Problem with specified ARP protocol type", "0x%x");
    }

    static long number(String w, long max, String what) {
        try {
            long v = Long.decode(w);
            if (v < 0 || v > max) {
                throw new IllegalArgumentException("Problem with specified " + what + " '" + w + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Problem with specified " + what + " '" + w + "'", e);
        }
    }

    @Override
    public Match compile(Args a) {
        EbtMatchArgs.atLeastOne(a, "arp");
        return new ArpMatch(a);
    }

    static final class ArpMatch implements Match {
        private final int opcode;
        private final boolean opcodeInv;
        private final int htype;
        private final boolean htypeInv;
        private final int ptype;
        private final boolean ptypeInv;
        private final Ipv4Prefix ipSrc;
        private final boolean ipSrcInv;
        private final Ipv4Prefix ipDst;
        private final boolean ipDstInv;
        private final MacMask macSrc;
        private final boolean macSrcInv;
        private final MacMask macDst;
        private final boolean macDstInv;
        private final boolean gratuitous;
        private final boolean gratuitousInv;

        ArpMatch(Args a) {
            opcode = a.has(OPCODE) ? a.get(OPCODE) : -1;
            opcodeInv = a.inverted(OPCODE);
            htype = a.has(HTYPE) ? a.get(HTYPE) : -1;
            htypeInv = a.inverted(HTYPE);
            ptype = a.has(PTYPE) ? a.get(PTYPE) : -1;
            ptypeInv = a.inverted(PTYPE);
            ipSrc = a.get(IP_SRC);
            ipSrcInv = a.inverted(IP_SRC);
            ipDst = a.get(IP_DST);
            ipDstInv = a.inverted(IP_DST);
            macSrc = a.get(MAC_SRC);
            macSrcInv = a.inverted(MAC_SRC);
            macDst = a.get(MAC_DST);
            macDstInv = a.inverted(MAC_DST);
            gratuitous = a.has(GRATUITOUS);
            gratuitousInv = a.inverted(GRATUITOUS);
        }

        @Override
        public boolean matches(PacketContext p) {
            int arp = p.l2Offset() + BridgeHandler.ETH_HLEN;
            if (!p.has(arp, 8)) {
                return false;
            }
            if (opcode >= 0 && (p.u16(arp + 6) == opcode) == opcodeInv) {
                return false;
            }
            if (htype >= 0 && (p.u16(arp) == htype) == htypeInv) {
                return false;
            }
            if (ptype >= 0 && (p.u16(arp + 2) == ptype) == ptypeInv) {
                return false;
            }
            if (ipSrc == null && ipDst == null && macSrc == null && macDst == null && !gratuitous) {
                return true;
            }
            // Addresses only for Ethernet/IPv4 ARP (hardware length 6, protocol length 4), as the kernel.
            if (p.u8(arp + 4) != 6 || p.u8(arp + 5) != 4 || !p.has(arp, 28)) {
                return false;
            }
            if (ipSrc != null && ipSrc.contains((int) p.u32(arp + 14)) == ipSrcInv) {
                return false;
            }
            if (ipDst != null && ipDst.contains((int) p.u32(arp + 24)) == ipDstInv) {
                return false;
            }
            if (macSrc != null && macSrc.matches(p, arp + 8) == macSrcInv) {
                return false;
            }
            if (macDst != null && macDst.matches(p, arp + 18) == macDstInv) {
                return false;
            }
            return !gratuitous || (p.u32(arp + 14) == p.u32(arp + 24)) != gratuitousInv;
        }
    }
}
