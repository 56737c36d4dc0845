package org.pkttables.ext.targets.impl;

import org.pkttables.api.PacketContext;

/** Walking TCP options in place, as the kernel's TCPMSS/TCPOPTSTRIP do. */
final class TcpOptions {
    static final int NOP = 1;
    static final int MSS = 2;

    private TcpOptions() {
    }

    /** The kernel's optlen(): zero-length and one-byte options advance by one, so the walk always ends. */
    static int length(PacketContext p, int at) {
        int kind = p.u8(at);
        int len = p.u8(at + 1);
        return kind <= NOP || len <= 0 ? 1 : len;
    }
}
