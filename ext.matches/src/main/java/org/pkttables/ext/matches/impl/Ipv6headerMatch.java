package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/**
 * A compiled ipv6header match, as the kernel's ipv6header_mt6: walks the chain collecting a bit per
 * header (ESP and "no next header" end it; any other upper protocol sets the "protocol" bit), then
 * compares with the wanted set: exactly (or, inverted, anything else), or with {@code --soft} at least
 * the wanted headers (inverted: none of them). Like the kernel, it walks past a fragment header of a
 * later fragment as if headers followed. A header cut short never matches.
 */
final class Ipv6headerMatch implements Match {
    private static final int MAX_HEADERS = 32;

    private final int wanted;
    private final int invFlags;
    private final boolean soft;

    Ipv6headerMatch(int wanted, boolean inv, boolean soft) {
        this.wanted = wanted;
        this.invFlags = inv ? 0xff : 0;
        this.soft = soft;
    }

    @Override
    public boolean matches(PacketContext p) {
        int seen = seen(p);
        if (seen < 0) {
            return false;
        }
        if (soft) {
            return ((seen ^ wanted ^ invFlags) & wanted) == 0;
        }
        return invFlags != 0 ? seen != wanted : seen == wanted;
    }

    /** The header bits of the packet, -1 when the chain is cut short. */
    private static int seen(PacketContext p) {
        int l3 = p.l3Offset();
        if (l3 < 0 || !p.has(l3, 40)) {
            return -1;
        }
        int nh = p.u8(l3 + 6);
        int ptr = l3 + 40;
        int bits = 0;
        for (int n = 0; n < MAX_HEADERS && (Ipv6Headers.isExtension(nh) || nh == Ipv6Headers.ESP); n++) {
            if (nh == Ipv6Headers.NONE) {
                bits |= Ipv6HeaderSetType.NONE;
                break;
            }
            if (!p.has(ptr, 2)) {
                return -1;
            }
            if (nh == Ipv6Headers.ESP) {
                bits |= Ipv6HeaderSetType.ESP;
                break;
            }
            bits |= Ipv6HeaderSetType.bit(nh);
            int len = Ipv6Headers.length(p, nh, ptr);
            if (len < 0) {
                return -1;
            }
            nh = p.u8(ptr);
            ptr += len;
            if (ptr > p.end()) {
                break;
            }
        }
        if (nh != Ipv6Headers.NONE && nh != Ipv6Headers.ESP) {
            bits |= Ipv6HeaderSetType.PROTO;
        }
        return bits;
    }
}
