package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/**
 * A compiled mh match, as mh_mt6: never a later fragment; the header's payload protocol must be
 * IPPROTO_NONE (59), else the packet is hotdropped, as is a header shorter than 6 bytes; then the type
 * is in range.
 */
final class MhMatch implements Match {
    private final int lo;
    private final int hi;
    private final boolean invert;

    MhMatch(int lo, int hi, boolean invert) {
        this.lo = lo;
        this.hi = hi;
        this.invert = invert;
    }

    @Override
    public boolean mayHotdrop() {
        return true;
    }

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
        return (type >= lo && type <= hi) != invert;
    }
}
