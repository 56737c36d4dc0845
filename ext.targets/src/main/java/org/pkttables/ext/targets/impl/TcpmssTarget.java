package org.pkttables.ext.targets.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Checksums;
import org.pkttables.api.ext.Target;

/**
 * A compiled TCPMSS, as tcpmss_mangle_packet: finds the MSS option and lowers it (never raises it),
 * adjusting the TCP checksum. Later fragments are left alone; a TCP header cut short is dropped.
 * Unlike the kernel, a packet without an MSS option is not given one: that would grow the frame,
 * which is rewritten in place here.
 */
record TcpmssTarget(int mss) implements Target {
    @Override
    public int apply(PacketContext p) {
        if (p.fragOffset() != 0) {
            return Verdict.CONTINUE;
        }
        int th = p.l4Offset();
        int hdrlen = TcpOptions.headerLength(p, th);
        if (hdrlen < 20) {
            return Verdict.DROP;
        }
        for (int i = 20; i <= hdrlen - 4; i += TcpOptions.length(p, th + i)) {
            if (p.u8(th + i) == TcpOptions.MSS && p.u8(th + i + 1) == 4) {
                int old = p.u16(th + i + 2);
                if (old > mss) {
                    Checksums.replace16(p, th + 16, old, mss);
                    p.put16(th + i + 2, mss);
                }
                return Verdict.CONTINUE;
            }
        }
        return Verdict.CONTINUE;
    }
}
