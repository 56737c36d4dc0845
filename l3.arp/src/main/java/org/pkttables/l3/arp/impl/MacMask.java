package org.pkttables.l3.arp.impl;

import java.util.Locale;
import java.util.Map;

import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;

/**
 * A MAC address with a mask ({@code --src-mac}): {@code 02:00:00:00:00:01}, {@code addr/mask}, or
 * one of arptables' names Unicast, Multicast, Broadcast, BGA. Printed lower-case, the mask only when
 * it is not all ones, as arptables does.
 */
public record MacMask(long mac, long mask) {
    public static final long ALL = 0xffff_ffff_ffffL;

    private static final Map<String, MacMask> NAMED = Map.of(
            "unicast", new MacMask(0, 0x01_00_00_00_00_00L),
            "multicast", new MacMask(0x01_00_00_00_00_00L, 0x01_00_00_00_00_00L),
            "broadcast", new MacMask(ALL, ALL),
            "bga", new MacMask(0x01_80_c2_00_00_00L, ALL));

    public MacMask {
        mac &= mask;
    }

    public boolean contains(long m) {
        return (m & mask) == mac;
    }

    public static MacMask parse(String s) {
        MacMask named = NAMED.get(s.toLowerCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        int slash = s.indexOf('/');
        if (slash < 0) {
            return new MacMask(ParamTypes.parseMac(s), ALL);
        }
        return new MacMask(ParamTypes.parseMac(s.substring(0, slash)), ParamTypes.parseMac(s.substring(slash + 1)));
    }

    @Override
    public String toString() {
        String m = ParamTypes.formatMac(mac).toLowerCase(Locale.ROOT);
        return mask == ALL ? m : m + "/" + ParamTypes.formatMac(mask).toLowerCase(Locale.ROOT);
    }

    public static ParamType<MacMask> type() {
        return ParamTypes.word("mac[/mask]", w -> MacMask.parse(w), v -> v.toString());
    }
}
