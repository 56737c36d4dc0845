package org.pkttables.l2.bridge.impl;

import java.util.List;

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
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.TableDescriptor;

/**
 * The bridge family (ebtables): rules see the whole Ethernet frame. Parsing records the frame's
 * ethertype (the outer one: a VLAN-tagged frame is {@code -p 802_1Q}); the base options are ebtables'
 * {@code -p -s -d -i --logical-in -o --logical-out}, listed in that order.
 */
@Component(service = L3Handler.class, property = L3Handler.FAMILY + "=bridge")
public final class BridgeHandler implements L3Handler {
    static final int ETH_HLEN = 14;

    static final Param<Integer> PROTO = Param.of("-p", EtherTypes.protocolType()).alias("--proto", "--protocol")
            .invertible().help("Ethernet protocol: name, hex number >= 0x0600, or LENGTH (802.3 frames)");
    static final Param<MacMask> SOURCE = Param.of("-s", MacMask.type(true)).alias("--src", "--source")
            .invertible().help("source MAC[/mask], or Unicast, Multicast, Broadcast, BGA");
    static final Param<MacMask> DEST = Param.of("-d", MacMask.type(true)).alias("--dst", "--destination")
            .invertible().help("destination MAC[/mask], or Unicast, Multicast, Broadcast, BGA");
    static final Param<String> IN = Param.of("-i", ParamTypes.iface()).alias("--in-if", "--in-interface")
            .invertible().help("bridge port the frame came in on ([+] for wildcard)");
    static final Param<String> LOGICAL_IN = Param.of("--logical-in", ParamTypes.iface()).invertible()
            .help("bridge the frame came in on ([+] for wildcard)");
    static final Param<String> OUT = Param.of("-o", ParamTypes.iface()).alias("--out-if", "--out-interface")
            .invertible().help("bridge port the frame goes out on ([+] for wildcard)");
    static final Param<String> LOGICAL_OUT = Param.of("--logical-out", ParamTypes.iface()).invertible()
            .help("bridge the frame goes out on ([+] for wildcard)");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.base(Family.BRIDGE)
            .params(PROTO, SOURCE, DEST, IN, LOGICAL_IN, OUT, LOGICAL_OUT)
            .help("base options of ebtables rules").build();

    public BridgeHandler() {
    }

    @Override
    public Family family() {
        return Family.BRIDGE;
    }

    /**
     * Save order filter, nat (as ebtables-save lists them). nat rewrites MAC addresses without connection
     * tracking, so it is hooked; its priority puts it before filter, as in the kernel (NF_BR_PRI_NAT_DST_*
     * &lt; NF_BR_PRI_FILTER_*). No broute table: ebtables-nft 1.8.9 has none.
     */
    private static final List<TableDescriptor> TABLES = List.of(
            TableDescriptor.of("filter", HookPriority.FILTER, true, Hook.INPUT, Hook.FORWARD, Hook.OUTPUT),
            TableDescriptor.of("nat", HookPriority.NAT_DST, true, Hook.PREROUTING, Hook.OUTPUT, Hook.POSTROUTING));

    @Override
    public List<TableDescriptor> tables() {
        return TABLES;
    }

    /** The L3 part starts after the Ethernet header; the ethertype is the frame's own (outer) one. */
    @Override
    public boolean parse(PacketContext p, int l3) {
        int l2 = p.hasL2() ? p.l2Offset() : l3 - ETH_HLEN;
        if (l2 < 0 || !p.has(l2, ETH_HLEN)) {
            p.setMalformed(true);
            return false;
        }
        p.setL3(l2 + ETH_HLEN, p.u16(l2 + 12));
        return true;
    }

    @Override
    public ExtensionDescriptor baseDescriptor() {
        return DESCRIPTOR;
    }

    /** ebtables drops {@code -i +} and friends (they match every frame). */
    @Override
    public Args canonicalize(Args args) {
        Args.Builder b = args.toBuilder();
        for (Param<String> i : List.of(IN, LOGICAL_IN, OUT, LOGICAL_OUT)) {
            if (args.has(i) && !args.inverted(i) && "+".equals(args.get(i))) {
                b.remove(i);
            }
        }
        return b.build();
    }

    @Override
    public Match compileBase(Args a) {
        if (a.params().isEmpty()) {
            return null;
        }
        return new BridgeBaseMatch(a);
    }

    @Override
    public int protocolNumber(String name) {
        return EtherTypes.number(name);
    }
}
