package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;

/**
 * A compiled mh match, as mh_mt6: never a later fragment; the header's payload protocol must be
 * IPPROTO_NONE (59), else the packet is hotdropped, as is a header shorter than 6 bytes; then the type
 * is in range.
 */
record MhMatch(NumRange types, boolean invert) implements HotdroppingMatch {
    @Override
    public boolean matches(PacketContext p) {
        if (p.fragOffset() != 0) {
            return false;
        }
        int mh = p.l4Offset();
        if (mh < 0 || p.l4Proto() != 135) {
            return false;
        }
        if (!p.has(mh, 6) || p.u8(mh) != 59) {
            p.hotdrop(); // mh_mt6: a header cut short, or a payload protocol other than none
            return false;
        }
        int type = p.u8(mh + 2);
        return types.contains(type) != invert;
    }
}
