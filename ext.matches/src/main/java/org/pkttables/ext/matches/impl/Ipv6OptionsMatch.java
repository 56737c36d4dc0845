package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;

/**
 * A compiled hbh or dst match, as the kernel's hbh_mt6: the header must be in the chain; its length
 * (bytes) optionally compared; then the given options must be its first options, in order, each
 * type equal and length equal unless "any". Options running past the header stop the walk, which
 * then fails unless every listed option was seen.
 */
final class Ipv6OptionsMatch implements HotdroppingMatch {
    private final int header;
    private final boolean hasLen;
    private final long len;
    private final boolean lenInv;
    private final int[] types;
    private final int[] lengths;

    Ipv6OptionsMatch(int header, boolean hasLen, long len, boolean lenInv, Ipv6OptionList opts) {
        this.header = header;
        this.hasLen = hasLen;
        this.len = len;
        this.lenInv = lenInv;
        int n = opts == null ? 0 : opts.size();
        types = new int[n];
        lengths = new int[n];
        for (int i = 0; i < n; i++) {
            types[i] = opts.type(i);
            lengths[i] = opts.length(i);
        }
    }

    @Override
    public boolean matches(PacketContext p) {
        int ptr = Ipv6Headers.find(p, header);
        if (ptr == Ipv6Headers.NOT_FOUND) {
            return false;
        }
        if (ptr < 0 || !p.has(ptr, 2)) {
            p.hotdrop(); // hbh_mt6: the chain or the header cannot be read
            return false;
        }
        int hdrlen = (p.u8(ptr + 1) + 1) * 8;
        if (!p.has(ptr, hdrlen)) {
            return false;
        }
        if (hasLen && (len == hdrlen) == lenInv) {
            return false;
        }
        int at = ptr + 2;
        int left = hdrlen - 2;
        int i = 0;
        for (; i < types.length; i++) {
            if (left < 1) {
                break;
            }
            int type = p.u8(at);
            if (type != types[i]) {
                return false;
            }
            int optlen;
            if (type != 0) {
                if (left < 2) {
                    break;
                }
                int l = p.u8(at + 1);
                if (lengths[i] != Ipv6OptionList.ANY_LENGTH && lengths[i] != l) {
                    return false;
                }
                optlen = l + 2;
            } else {
                optlen = 1; // Pad1
            }
            if (left < optlen && i < types.length - 1) {
                break;
            }
            at += optlen;
            left -= optlen;
        }
        return i == types.length;
    }
}
