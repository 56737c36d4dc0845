package org.pkttables.ext.targets.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Checksums;
import org.pkttables.api.ext.Target;

/**
 * A compiled TCPOPTSTRIP, as tcpoptstrip_mangle_packet: each option to strip is overwritten with NOPs
 * and the TCP checksum adjusted word by word. Later fragments are left alone; a header cut short is
 * dropped.
 */
final class TcpoptstripTarget implements Target {
    private final long b0;
    private final long b1;
    private final long b2;
    private final long b3;

    TcpoptstripTarget(TcpOptionSet set) {
        b0 = set.word(0);
        b1 = set.word(1);
        b2 = set.word(2);
        b3 = set.word(3);
    }

    private boolean strip(int kind) {
        long w = kind < 64 ? b0 : kind < 128 ? b1 : kind < 192 ? b2 : b3;
        return (w & 1L << (kind & 63)) != 0;
    }

    @Override
    public int apply(PacketContext p) {
        if (p.fragOffset() != 0) {
            return Verdict.CONTINUE;
        }
        int th = p.l4Offset();
        int hdrlen = TcpOptions.headerLength(p, th);
        if (hdrlen < 0) {
            return Verdict.DROP;
        }
        for (int i = 20; i < hdrlen - 1;) {
            int optl = TcpOptions.length(p, th + i);
            if (i + optl > hdrlen) {
                break;
            }
            if (strip(p.u8(th + i))) {
                for (int j = 0; j < optl; j++) {
                    int at = i + j;
                    // The checksum works on 16-bit words: the byte is the high or low half of its word.
                    int o = p.u8(th + at);
                    int n = TcpOptions.NOP;
                    if (at % 2 == 0) {
                        o <<= 8;
                        n <<= 8;
                    }
                    Checksums.replace16(p, th + 16, o, n);
                    p.put8(th + at, TcpOptions.NOP);
                }
            }
            i += optl;
        }
        return Verdict.CONTINUE;
    }
}
