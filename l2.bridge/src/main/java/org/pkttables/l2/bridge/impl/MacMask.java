package org.pkttables.l2.bridge.impl;

import java.util.Locale;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;

/**
 * A MAC address with a mask, as ebtables reads {@code -s}/{@code -d} ({@code 0:1:2:3:4:5[/mask]} or the
 * names Unicast, Multicast, Broadcast, BGA) and prints it: the name when address and mask are exactly a
 * named pair, else two-digit bytes, {@code /mask} only when the mask is not all ones.
 */
record MacMask(long mac, long mask) {
    static final long ALL = 0xffff_ffff_ffffL;
    private static final long GROUP = 0x0100_0000_0000L;
    private static final long BGA = 0x0180_c200_0000L;

    /** True when the six bytes at {@code off} match. Hot path. */
    boolean matches(PacketContext p, int off) {
        return (p.u48(off) & mask) == mac;
    }

    static MacMask parse(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "unicast": return new MacMask(0, GROUP);
            case "multicast": return new MacMask(GROUP, GROUP);
            case "broadcast": return new MacMask(ALL, ALL);
            case "bga": return new MacMask(BGA, ALL);
            default: break;
        }
        int slash = s.indexOf('/');
        long mac = parseMac(slash < 0 ? s : s.substring(0, slash));
        long mask = slash < 0 ? ALL : parseMac(s.substring(slash + 1));
        return new MacMask(mac & mask, mask);
    }

    static long parseMac(String s) {
        String[] parts = s.split(":", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("Problem with specified MAC '" + s + "'");
        }
        long v = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 2) {
                throw new IllegalArgumentException("Problem with specified MAC '" + s + "'");
            }
            try {
                v = (v << 8) | Integer.parseInt(part, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Problem with specified MAC '" + s + "'", e);
            }
        }
        return v;
    }

    /** Two hex digits per byte ({@code 00:01:02:03:04:05}), as ebtables prints -s/-d. */
    static String format(long v) {
        return String.format(Locale.ROOT, "%02x:%02x:%02x:%02x:%02x:%02x", (v >>> 40) & 0xff, (v >>> 32) & 0xff,
                (v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
    }

    /** ether_ntoa's form, without leading zeros ({@code de:ad:0:be:ee:ff}): the among match prints this. */
    static String formatShort(long v) {
        return String.format(Locale.ROOT, "%x:%x:%x:%x:%x:%x", (v >>> 40) & 0xff, (v >>> 32) & 0xff,
                (v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
    }

    /** The listing form; {@code names} prints the four named pairs by name (the -s/-d form). */
    String format(boolean names) {
        if (names) {
            if (mac == 0 && mask == GROUP) {
                return "Unicast";
            }
            if (mac == GROUP && mask == GROUP) {
                return "Multicast";
            }
            if (mac == ALL && mask == ALL) {
                return "Broadcast";
            }
            if (mac == BGA && mask == ALL) {
                return "BGA";
            }
        }
        return mask == ALL ? format(mac) : format(mac) + "/" + format(mask);
    }

    static ParamType<MacMask> type(boolean names) {
        return ParamTypes.word("mac[/mask]", w -> MacMask.parse(w), v -> v.format(names));
    }
}
