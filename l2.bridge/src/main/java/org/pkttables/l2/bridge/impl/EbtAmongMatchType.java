package org.pkttables.l2.bridge.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;

/** ebtables' among match: the source and/or destination MAC (and optionally IPv4 address) in a list. */
@Component(service = MatchType.class, property = MatchType.NAME + "=among")
public final class EbtAmongMatchType implements MatchType {
    static final Param<AmongList> DST = Param.of("--among-dst", AmongList.type()).invertible()
            .help("destination MAC[=IPv4] list, comma separated");
    static final Param<AmongList> SRC = Param.of("--among-src", AmongList.type()).invertible()
            .help("source MAC[=IPv4] list, comma separated");

    // ebtables lists --among-src before --among-dst.
    private static final ExtensionDescriptor D = ExtensionDescriptor.match("among").families(Family.BRIDGE)
            .params(SRC, DST).help("among: MAC address (and MAC=IP pair) lists").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return D;
    }

    @Override
    public Match compile(Args a) {
        if (!a.has(SRC) && !a.has(DST)) {
            throw new IllegalArgumentException("--among-src or --among-dst must be specified");
        }
        AmongList src = a.get(SRC);
        boolean srcInv = a.inverted(SRC);
        AmongList dst = a.get(DST);
        boolean dstInv = a.inverted(DST);
        return p -> (src == null || contains(src, p, true) != srcInv)
                && (dst == null || contains(dst, p, false) != dstInv);
    }

    /** Hot path: a linear scan (lists are short), IPs read only for entries that have one. */
    static boolean contains(AmongList l, PacketContext p, boolean source) {
        int l2 = p.l2Offset();
        long mac = p.u48(source ? l2 + 6 : l2);
        long[] macs = l.macs();
        long[] ips = l.ips();
        for (int i = 0; i < macs.length; i++) {
            if (macs[i] != mac) {
                continue;
            }
            if (ips[i] == AmongList.NO_IP) {
                return true;
            }
            int type = p.u16(l2 + 12);
            int l3 = l2 + BridgeHandler.ETH_HLEN;
            long ip = -1;
            if (type == 0x0800) {
                ip = p.u32(l3 + (source ? 12 : 16));
            } else if (type == 0x0806) {
                ip = p.u32(l3 + (source ? 14 : 24));
            }
            if (ip == ips[i]) {
                return true;
            }
        }
        return false;
    }
}
