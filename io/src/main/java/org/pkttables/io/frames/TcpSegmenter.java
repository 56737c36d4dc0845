package org.pkttables.io.frames;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Checksums;

/**
 * Cuts a TCP super-frame (what TSO/GSO on a local peer or GRO hands a packet socket: one IP packet of
 * up to 64 KiB) into frames that fit the output port, as the kernel's GSO would: same headers, the
 * sequence number advanced, FIN/PSH only on the last piece, CWR only on the first, IPv4 ids counted
 * up, every checksum recomputed. Builds each piece in a buffer the worker owns.
 */
public final class TcpSegmenter {
    /** Where each piece goes. */
    public interface Sink {
        void send(byte[] frame, int len);
    }

    private final byte[] scratch;

    public TcpSegmenter(int maxFrame) {
        scratch = new byte[maxFrame];
    }

    /**
     * Sends the TCP packet in {@code p} as frames of at most {@code maxFrame} bytes. Returns the number
     * of frames sent, or 0 when it cannot be segmented (not TCP, a fragment, headers alone too big).
     */
    public int segment(PacketContext p, int maxFrame, Sink out) {
        if (p.l4Proto() != 6 || p.isFragment() || p.l4Offset() < 0 || maxFrame > scratch.length) {
            return 0;
        }
        byte[] b = p.buffer();
        boolean v4 = p.family() == Family.IPV4;
        int l3 = p.l3Offset();
        int l4 = p.l4Offset();
        int tcpLen = ((b[l4 + 12] >> 4) & 0x0f) * 4;
        int hdr = l4 + tcpLen - p.start();
        int end = l4 + Checksums.l4Length(p, v4);
        if (tcpLen < 20 || end > p.end() || end < l4 + tcpLen) {
            return 0;
        }
        int payload = end - (l4 + tcpLen);
        int mss = maxFrame - hdr;
        if (mss < 8) {
            return 0;
        }
        long seq = p.u32(l4 + 4);
        int flags = b[l4 + 13] & 0xff;
        int ipId = v4 ? p.u16(l3 + 4) : 0;
        int rl3 = l3 - p.start();
        int rl4 = l4 - p.start();
        int sent = 0;
        for (int off = 0; off < payload || (payload == 0 && sent == 0); off += mss) {
            int n = Math.min(mss, payload - off);
            System.arraycopy(b, p.start(), scratch, 0, hdr);
            System.arraycopy(b, l4 + tcpLen + off, scratch, hdr, n);
            long s = (seq + off) & 0xffffffffL;
            put32(scratch, rl4 + 4, s);
            int f = flags;
            if (off + n < payload) {
                f &= ~0x09; // FIN, PSH: only the last piece
            }
            if (off > 0) {
                f &= ~0x80; // CWR: only the first
            }
            scratch[rl4 + 13] = (byte) f;
            int segL4 = tcpLen + n;
            if (v4) {
                int tot = rl4 - rl3 + segL4;
                put16(scratch, rl3 + 2, tot);
                put16(scratch, rl3 + 4, (ipId + sent) & 0xffff);
                Checksums.ipv4Header(scratch, rl3);
            } else {
                put16(scratch, rl3 + 4, rl4 - rl3 - 40 + segL4);
            }
            long ps = Checksums.pseudo(scratch, rl3, v4, 6, segL4);
            Checksums.store(scratch, rl4, segL4, 16, ps, 6);
            out.send(scratch, hdr + n);
            sent++;
        }
        return sent;
    }

    private static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    private static void put32(byte[] b, int i, long v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }
}
