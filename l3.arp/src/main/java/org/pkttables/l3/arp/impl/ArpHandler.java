package org.pkttables.l3.arp.impl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.HookPriority;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.L3Handler;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.TableDescriptor;
import org.pkttables.l3.common.IfaceMatch;
import org.pkttables.l3.common.IfaceParams;
import org.pkttables.l3.common.Ipv4Prefix;

/**
 * ARP: checks the header fits the frame and supplies arptables' base options. ARP has no L4 and no
 * {@code -p}.
 */
@Component(service = L3Handler.class, property = L3Handler.FAMILY + "=arp")
public final class ArpHandler implements L3Handler {
    public static final int ETHERTYPE = 0x0806;

    private static final Map<String, Integer> OPCODES = new LinkedHashMap<>();
    static {
        String[] names = {"Request", "Reply", "Request_Reverse", "Reply_Reverse", "DRARP_Request", "DRARP_Reply",
            "DRARP_Error", "InARP_Request", "ARP_NAK"};
        for (int i = 0; i < names.length; i++) {
            OPCODES.put(names[i], i + 1);
        }
    }

    public static final Param<String> IN_IFACE = IfaceParams.in();
    public static final Param<String> OUT_IFACE = IfaceParams.out();
    public static final Param<Ipv4Prefix> SOURCE = Param.of("-s", Ipv4Prefix.type(true)).alias("--source-ip")
            .invertible().help("sender IP address[/mask]");
    public static final Param<MacMask> SOURCE_MAC = Param.of("--src-mac", MacMask.type()).alias("--source-mac")
            .invertible().help("sender hardware address[/mask]");
    public static final Param<Ipv4Prefix> DESTINATION = Param.of("-d", Ipv4Prefix.type(true))
            .alias("--destination-ip").invertible().help("target IP address[/mask]");
    public static final Param<MacMask> DESTINATION_MAC = Param.of("--dst-mac", MacMask.type())
            .alias("--destination-mac").invertible().help("target hardware address[/mask]");
    public static final Param<CodeMask> H_LENGTH = Param.of("--h-length", CodeMask.type("hardware length", 8, 10,
            false, Map.of())).alias("-l").invertible().help("hardware address length[/mask] (only 6)");
    public static final Param<CodeMask> OPCODE = Param.of("--opcode", CodeMask.type("opcode", 16, 10, false, OPCODES))
            .invertible().help("operation code[/mask] (number or name, e.g. Request)");
    public static final Param<CodeMask> H_TYPE = Param.of("--h-type", CodeMask.type("hardware type", 16, 16, false,
            Map.of("Ethernet", 1))).invertible().help("hardware type[/mask] (hexadecimal, or Ethernet)");
    public static final Param<CodeMask> PROTO_TYPE = Param.of("--proto-type", CodeMask.type("protocol type", 16, 0,
            true, Map.of("ipv4", 0x800))).invertible().help("protocol type[/mask] (e.g. 0x800, or ipv4)");

    // Listing order of arptables -S: interfaces, sender, target, then the header fields.
    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.base(Family.ARP)
            .params(IN_IFACE, OUT_IFACE, SOURCE, SOURCE_MAC, DESTINATION, DESTINATION_MAC, H_LENGTH, OPCODE, H_TYPE,
                    PROTO_TYPE)
            .help("base options of arptables rules").build();

    public ArpHandler() {
    }

    @Override
    public Family family() {
        return Family.ARP;
    }

    /**
     * filter with INPUT, OUTPUT and FORWARD, in that order, as the kernel's arptable_filter and
     * arptables-legacy (arptables-nft 1.8.9 has no FORWARD): FORWARD sees the ARP a bridge forwards, as
     * br_netfilter passes it with net.bridge.bridge-nf-call-arptables=1 (io's bridge mode).
     */
    private static final List<TableDescriptor> TABLES = List.of(
            TableDescriptor.of("filter", HookPriority.FILTER, true, Hook.INPUT, Hook.OUTPUT, Hook.FORWARD));

    @Override
    public List<TableDescriptor> tables() {
        return TABLES;
    }

    /** Needs the fixed 8 bytes and both address pairs (as long as the header says) inside the frame. */
    @Override
    public boolean parse(PacketContext p, int l3) {
        p.setL3(l3, ETHERTYPE);
        int hlen = p.u8(l3 + 4);
        int plen = p.u8(l3 + 5);
        if (hlen < 0 || plen < 0 || !p.has(l3, 8 + 2 * hlen + 2 * plen)) {
            p.setMalformed(true);
            return false;
        }
        return true;
    }

    @Override
    public ExtensionDescriptor baseDescriptor() {
        return DESCRIPTOR;
    }

    /** arptables -S prints the target before the matches. */
    @Override
    public boolean targetFirst() {
        return true;
    }

    /**
     * What arptables-nft 1.8.9 lists: no {@code /0} addresses, no {@code -i +}; never {@code --h-length} (only 6
     * is supported, and nft always matches it), no {@code --h-type 1} (Ethernet, negated or not); no masks on
     * {@code --opcode}, {@code --h-type} and {@code --proto-type} (nft compares the whole field), and
     * {@code --h-type} in decimal. Verified in a network namespace: {@code --h-type 0x8/0xcf} lists as
     * {@code --h-type 8}, {@code --opcode 1/235} as {@code --opcode 1}.
     */
    @Override
    public Args canonicalize(Args args) {
        if (args.has(H_LENGTH) && args.get(H_LENGTH).value() != 6) {
            throw new IllegalArgumentException("--h-length " + args.get(H_LENGTH).value()
                    + ": only a hardware address length of 6 is supported");
        }
        Args.Builder b = args.toBuilder();
        for (Param<Ipv4Prefix> a : List.of(SOURCE, DESTINATION)) {
            if (args.has(a) && !args.inverted(a) && args.get(a).matchesAll()) {
                b.remove(a);
            }
        }
        for (Param<String> i : List.of(IN_IFACE, OUT_IFACE)) {
            if (args.has(i) && !args.inverted(i) && "+".equals(args.get(i))) {
                b.remove(i);
            }
        }
        b.remove(H_LENGTH);
        if (args.has(H_TYPE) && args.get(H_TYPE).value() == 1) {
            b.remove(H_TYPE);
        }
        for (Param<CodeMask> p : List.of(OPCODE, H_TYPE, PROTO_TYPE)) {
            if (b.has(p) && args.get(p).mask() != 0xffff) {
                b.put(p, new CodeMask(args.get(p).value(), 0xffff), args.inverted(p));
            }
        }
        return b.build();
    }

    @Override
    public Match compileBase(Args a) {
        Args c = canonicalize(a);
        for (Param<Ipv4Prefix> p : List.of(SOURCE, DESTINATION)) {
            if (c.has(p) && c.inverted(p) && c.get(p).matchesAll()) {
                throw new IllegalArgumentException("! " + p.option() + " " + c.get(p) + " never matches");
            }
        }
        if (c.params().isEmpty()) {
            return null;
        }
        return new ArpBaseMatch(c);
    }

    @Override
    public int protocolNumber(String name) {
        return -1; // arptables has no -p
    }
}
