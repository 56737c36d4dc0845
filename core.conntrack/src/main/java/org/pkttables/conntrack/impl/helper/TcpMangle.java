package org.pkttables.conntrack.impl.helper;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Checksums;

/**
 * Rewrites part of a TCP segment's payload into bytes of another length, in place, as the kernel's
 * nf_nat_mangle_tcp_packet (mangle_contents, enlarge_skb, nf_nat_csum_recalc): the rest of the frame moves,
 * the frame grows or shrinks within its buffer, the IP length (and IPv4 header checksum) and the TCP
 * checksum follow. The TCP checksum is updated incrementally over the changed span (from the rewritten
 * bytes, word-aligned to the TCP header, to the end of the segment: an odd length change moves every later
 * byte to the other half of its word) and the pseudo-header's length; a checksum left to offload (the
 * pseudo-header sum) becomes the sum for the new length. The sequence adjustment is the caller's
 * ({@link HelperConn#mangleTcp}).
 */
final class TcpMangle {
    private TcpMangle() {
    }

    /** Replaces {@code [matchOff, matchOff+matchLen)} of the payload by {@code text[off, off+len)}; false, nothing changed, when it cannot. */
    static boolean replace(PacketContext p, int matchOff, int matchLen, byte[] text, int off, int len) {
        int l3 = p.l3Offset();
        int l4 = p.l4Offset();
        if (p.l4Proto() != 6 || l3 < 0 || l4 < 0 || p.isFragment() || !p.has(l4, 20) || matchLen < 0) {
            return false;
        }
        boolean v4 = (p.u8(l3) >>> 4) == 4;
        int ipEnd = v4 ? l3 + p.u16(l3 + 2) : l3 + 40 + p.u16(l3 + 4);
        int payload = l4 + (p.u8(l4 + 12) >>> 4) * 4;
        int delta = len - matchLen;
        byte[] b = p.buffer();
        if (ipEnd > p.end() || matchOff < payload || matchOff + matchLen > ipEnd || p.end() + delta > b.length
                || (v4 ? ipEnd - l3 + delta > 65535 : ipEnd - l3 - 40 + delta > 65535)) {
            return false;
        }
        int csum = l4 + 16;
        int check = p.u16(csum);
        int l4len = ipEnd - l4;
        boolean partial = check == Checksums.fold(Checksums.pseudo(b, l3, v4, 6, l4len));
        int from = matchOff - ((matchOff - l4) & 1);
        long oldSum = Checksums.sum(b, from, ipEnd - from);
        int frameEnd = p.end();
        System.arraycopy(b, matchOff + matchLen, b, matchOff + len, frameEnd - (matchOff + matchLen));
        System.arraycopy(text, off, b, matchOff, len);
        p.resizeEnd(frameEnd + delta);
        if (v4) {
            int old = p.u16(l3 + 2);
            p.put16(l3 + 2, old + delta);
            p.put16(l3 + 10, Checksums.update(p.u16(l3 + 10), old, old + delta));
        } else {
            p.put16(l3 + 4, p.u16(l3 + 4) + delta);
        }
        int newLen = l4len + delta;
        if (partial) {
            p.put16(csum, Checksums.fold(Checksums.pseudo(b, l3, v4, 6, newLen)));
            return true;
        }
        long newSum = Checksums.sum(b, from, ipEnd + delta - from);
        int c = Checksums.update(check, Checksums.fold(oldSum), Checksums.fold(newSum));
        c = v4 ? Checksums.update(c, l4len, newLen) : Checksums.update32(c, l4len, newLen);
        p.put16(csum, c);
        return true;
    }

    /**
     * Puts {@code bytes[off, off+len)} in front of the payload and moves the sequence number back by
     * {@code len}, so the segment carries those bytes at their own place in the stream again.
     */
    static boolean prepend(PacketContext p, byte[] bytes, int off, int len) {
        int l4 = p.l4Offset();
        if (len == 0) {
            return true;
        }
        if (l4 < 0 || !p.has(l4, 20)) {
            return false;
        }
        int payload = l4 + (p.u8(l4 + 12) >>> 4) * 4;
        if (!replace(p, payload, 0, bytes, off, len)) {
            return false;
        }
        int seq = (int) p.u32(l4 + 4);
        int moved = seq - len;
        p.put16(l4 + 4, (moved >>> 16) & 0xffff);
        p.put16(l4 + 6, moved & 0xffff);
        int l3 = p.l3Offset();
        boolean v4 = (p.u8(l3) >>> 4) == 4;
        int l4len = (v4 ? l3 + p.u16(l3 + 2) : l3 + 40 + p.u16(l3 + 4)) - l4;
        int check = p.u16(l4 + 16);
        if (check != Checksums.fold(Checksums.pseudo(p.buffer(), l3, v4, 6, l4len))) {
            p.put16(l4 + 16, Checksums.update32(check, seq, moved));
        }
        return true;
    }
}
