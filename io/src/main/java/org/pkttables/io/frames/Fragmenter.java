package org.pkttables.io.frames;

import org.pkttables.api.ext.Checksums;


/**
 * IPv4 fragmentation of a forwarded packet larger than the output port's MTU whose DF bit is clear,
 * as ip_fragment does: the header (options included) on every piece, payload in multiples of 8 bytes,
 * offsets and MF set, header checksums recomputed. A packet with DF gets "fragmentation needed"
 * instead (never here); IPv6 routers never fragment.
 */
public final class Fragmenter {
    private final byte[] scratch;

    public Fragmenter(int maxFrame) {
        scratch = new byte[maxFrame];
    }

    /** Sends the IPv4 packet in {@code p} as fragments of at most {@code mtu} bytes; how many, 0 if it cannot. */
    public int fragment(org.pkttables.api.PacketContext p, int mtu, TcpSegmenter.Sink out) {
        byte[] b = p.buffer();
        int l2 = p.start();
        int l3 = p.l3Offset();
        int ihl = (b[l3] & 0x0f) * 4;
        int total = IpHeaders.u16(b, l3 + 2);
        int hdr = l3 - l2 + ihl;
        int chunk = (mtu - ihl) & ~7;
        if (chunk < 8 || l3 + total > p.end() || hdr + chunk > scratch.length) {
            return 0;
        }
        Checksums.completePartial(p);
        int fragField = IpHeaders.u16(b, l3 + 6);
        int baseOffset = (fragField & 0x1fff) * 8;
        boolean moreAfter = (fragField & 0x2000) != 0;
        int payload = total - ihl;
        int sl3 = l3 - l2;
        int sent = 0;
        for (int off = 0; off < payload; off += chunk) {
            int n = Math.min(chunk, payload - off);
            boolean last = off + n >= payload;
            System.arraycopy(b, l2, scratch, 0, hdr);
            System.arraycopy(b, l3 + ihl + off, scratch, hdr, n);
            IpHeaders.put16(scratch, sl3 + 2, ihl + n);
            int field = (fragField & 0x4000) | (((baseOffset + off) / 8) & 0x1fff) | (last && !moreAfter ? 0 : 0x2000);
            IpHeaders.put16(scratch, sl3 + 6, field);
            Checksums.ipv4Header(scratch, sl3);
            out.send(scratch, hdr + n);
            sent++;
        }
        return sent;
    }
}
