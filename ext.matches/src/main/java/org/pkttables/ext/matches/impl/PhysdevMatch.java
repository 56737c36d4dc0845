package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/**
 * A compiled physdev match. Without a bridge, the input and output interfaces of the packet stand for
 * the bridge ports: {@code --physdev-in} compares the input interface name ({@code +} at the end
 * matches any suffix), {@code --physdev-is-in} tests that there is one, likewise for out; and no packet
 * is bridged, so {@code --physdev-is-bridged} never matches (inverted, always). The kernel instead
 * matches only inverted options for packets that did not cross a bridge.
 */
record PhysdevMatch(boolean isIn, boolean isInInv, String in, boolean inInv, boolean isOut, boolean isOutInv,
        String out, boolean outInv, boolean bridged, boolean bridgedInv) implements Match {
    @Override
    public boolean matches(PacketContext p) {
        String i = p.inIface();
        String o = p.outIface();
        if (bridged && !bridgedInv) {
            return false;
        }
        if (isIn && (i != null) == isInInv) {
            return false;
        }
        if (isOut && (o != null) == isOutInv) {
            return false;
        }
        if (in != null && (i != null && name(in, i)) == inInv) {
            return false;
        }
        return out == null || (o != null && name(out, o)) != outInv;
    }

    /** iptables interface matching: exact, or a prefix when the pattern ends in '+'. No allocation. */
    private static boolean name(String pattern, String iface) {
        int n = pattern.length();
        if (n > 0 && pattern.charAt(n - 1) == '+') {
            return iface.regionMatches(0, pattern, 0, n - 1);
        }
        return pattern.equals(iface);
    }
}
