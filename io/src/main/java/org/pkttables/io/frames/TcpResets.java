package org.pkttables.io.frames;

import org.pkttables.api.ext.Checksums;


/**
 * The TCP reset REJECT --reject-with tcp-reset sends (and the appliance's answer to a connection
 * attempt to one of its addresses, where nothing listens), built as the kernel's nf_send_reset does:
 * addresses and ports swapped, the segment's ACK number as sequence number when it had ACK set,
 * else sequence 0 and an ACK of everything it carried.
 */
public final class TcpResets {
    private TcpResets() {
    }

    /** True if a reset may answer the TCP segment at {@code l4} (never a reset to a reset). */
    public static boolean allowed(byte[] b, int l4, int end) {
        return l4 >= 0 && end - l4 >= 20 && (b[l4 + 13] & 0x04) == 0;
    }

    /**
     * Writes the reset at {@code l3} of {@code out} for the segment at {@code b[l4 ..]} of the packet at
     * {@code origL3} ({@code payloadLen}: bytes of data after its TCP header). Returns the IP packet's length.
     */
    public static int write(byte[] out, int l3, boolean v4, byte[] b, int origL3, int l4, int payloadLen) {
        int tl4 = l3 + (v4 ? 20 : 40);
        IpHeaders.put16(out, tl4, IpHeaders.u16(b, l4 + 2));
        IpHeaders.put16(out, tl4 + 2, IpHeaders.u16(b, l4));
        int flags = b[l4 + 13] & 0xff;
        long seq;
        long ack;
        int outFlags;
        if ((flags & 0x10) != 0) {
            seq = IpHeaders.u32(b, l4 + 8);
            ack = 0;
            outFlags = 0x04;
        } else {
            seq = 0;
            long syn = (flags & 0x02) != 0 ? 1 : 0;
            ack = (IpHeaders.u32(b, l4 + 4) + payloadLen + syn + (flags & 0x01)) & 0xffffffffL;
            outFlags = 0x14;
        }
        IpHeaders.put32(out, tl4 + 4, seq);
        IpHeaders.put32(out, tl4 + 8, ack);
        out[tl4 + 12] = 5 << 4;
        out[tl4 + 13] = (byte) outFlags;
        IpHeaders.put16(out, tl4 + 14, 0);
        IpHeaders.put16(out, tl4 + 16, 0);
        IpHeaders.put16(out, tl4 + 18, 0);
        if (v4) {
            IpHeaders.ipv4(out, l3, 6, 20, IpHeaders.DEFAULT_TTL, b, origL3 + 16, b, origL3 + 12);
        } else {
            IpHeaders.ipv6(out, l3, 6, 20, IpHeaders.DEFAULT_TTL, b, origL3 + 24, b, origL3 + 8);
        }
        Checksums.store(out, tl4, 20, 16, Checksums.pseudo(out, l3, v4, 6, 20), 6);
        return (v4 ? 20 : 40) + 20;
    }
}
