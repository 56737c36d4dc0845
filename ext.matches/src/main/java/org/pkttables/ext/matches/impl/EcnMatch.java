package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/**
 * A compiled ecn match, as xt_ecn: the ECT codepoint is the low two bits of the DS field; the TCP
 * flags are read at the transport offset like the kernel does (which does not look at the fragment
 * offset either: a later fragment's payload bytes are read as the flags). A cut-short header never matches.
 */
record EcnMatch(boolean v6, boolean ece, boolean eceInv, boolean cwr, boolean cwrInv, int ect,
        boolean ectInv) implements Match {
    private static final int ECE = 0x40;
    private static final int CWR = 0x80;

    @Override
    public boolean matches(PacketContext p) {
        if (ect >= 0) {
            int tos = TrafficClass.of(p, v6);
            if (tos < 0 || ((tos & 3) == ect) == ectInv) {
                return false;
            }
        }
        if (ece || cwr) {
            int th = p.l4Offset();
            if (th < 0 || p.l4Proto() != 6) {
                return false;
            }
            int flags = p.u8(th + 13);
            if (flags < 0 || !p.has(th, 20)) {
                return false;
            }
            if (ece && ((flags & ECE) != 0) == eceInv) {
                return false;
            }
            if (cwr && ((flags & CWR) != 0) == cwrInv) {
                return false;
            }
        }
        return true;
    }
}
