package org.pkttables.l3.ipv4.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.L3Handler;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.l3.common.BaseOptions;
import org.pkttables.l3.common.IfaceParams;
import org.pkttables.l3.common.IfacesAndProtocol;
import org.pkttables.l3.common.IpHandler;
import org.pkttables.l3.common.Ipv4Prefix;
import org.pkttables.l3.common.Protocols;

/** IPv4: parses the header in place and supplies iptables' base options {@code -s -d -i -o -p -f}. */
@Component(service = L3Handler.class, property = L3Handler.FAMILY + "=ipv4")
public final class Ipv4Handler extends IpHandler {
    public static final int ETHERTYPE = 0x0800;

    public static final Param<Ipv4Prefix> SOURCE = Param.of("-s", Ipv4Prefix.type(false)).alias("--source", "--src")
            .invertible().help("source address[/mask]");
    public static final Param<Ipv4Prefix> DESTINATION = Param.of("-d", Ipv4Prefix.type(false))
            .alias("--destination", "--dst").invertible().help("destination address[/mask]");
    public static final Param<String> IN_IFACE = IfaceParams.in();
    public static final Param<String> OUT_IFACE = IfaceParams.out();
    public static final Param<Integer> PROTOCOL = Param.of("-p", Protocols.type()).alias("--protocol")
            .invertible().help("protocol by number or name, e.g. tcp");
    public static final Param<Boolean> FRAGMENT = Param.of("-f", ParamTypes.flag()).alias("--fragment")
            .invertible().help("match second or further fragments only");

    private static final BaseOptions<Ipv4Prefix> BASE = new BaseOptions<>(SOURCE, DESTINATION, PROTOCOL, IN_IFACE,
            OUT_IFACE, Ipv4Prefix::matchesAll);

    // Listing order of iptables -S (save_rule_details): addresses, interfaces, protocol, fragment.
    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.base(Family.IPV4)
            .params(SOURCE, DESTINATION, IN_IFACE, OUT_IFACE, PROTOCOL, FRAGMENT)
            .help("IPv4 base options of iptables rules").build();

    public Ipv4Handler() {
        super(Family.IPV4, DESCRIPTOR, BASE);
    }

    @Override
    public boolean parse(PacketContext p, int l3) {
        p.setL3(l3, ETHERTYPE);
        int vihl = p.u8(l3);
        if (vihl < 0 || vihl >> 4 != 4) {
            return malformed(p);
        }
        int ihl = (vihl & 0x0f) * 4;
        int total = p.u16(l3 + 2);
        // As ip_rcv (and br_validate_ipv4 in bridge mode): a header length below 5 words, a total length
        // below the header's or beyond the frame is dropped before netfilter. A frame may carry padding
        // after the datagram (short Ethernet frames): cut it off, as the kernel trims the skb, so that
        // matches never read it as transport bytes and counters count the datagram only.
        if (ihl < 20 || total < ihl || !p.has(l3, total)) {
            return malformed(p);
        }
        p.trimEnd(l3 + total);
        int frag = p.u16(l3 + 6);
        int offset = (frag & 0x1fff) * 8;
        p.setFragment(offset != 0 || (frag & 0x2000) != 0, offset);
        // As the kernel, the L4 offset is set for later fragments too; L4 matches check fragOffset().
        p.setL4(l3 + ihl, p.u8(l3 + 9));
        return true;
    }

    @Override
    protected Match compile(Args checked, IfacesAndProtocol ifacesAndProtocol) {
        return new Ipv4BaseMatch(checked.get(SOURCE), checked.inverted(SOURCE), checked.get(DESTINATION),
                checked.inverted(DESTINATION), ifacesAndProtocol, checked.has(FRAGMENT), checked.inverted(FRAGMENT));
    }
}
