package org.pkttables.ext.targets.impl;

import org.pkttables.api.PacketContext;

/** Walking TCP options in place, as the kernel's TCPMSS/TCPOPTSTRIP do. */
final class TcpOptions {
    static final int NOP = 1;
    static final int MSS = 2;

    private TcpOptions() {
    }

    /**
     * The length of the TCP header at {@code th} (its data offset in bytes) when all of it is in the
     * packet; -1 when there is no transport header or it is cut short (the targets drop the packet).
     */
    static int headerLength(PacketContext p, int th) {
        if (th < 0 || !p.has(th, 20)) {
            return -1;
        }
        int hdrlen = (p.u8(th + 12) >>> 4) * 4;
        return p.has(th, hdrlen) ? hdrlen : -1;
    }

    /** The kernel's optlen(): zero-length and one-byte options advance by one, so the walk always ends. */
    static int length(PacketContext p, int at) {
        int kind = p.u8(at);
        int len = p.u8(at + 1);
        return kind <= NOP || len <= 0 ? 1 : len;
    }
}
