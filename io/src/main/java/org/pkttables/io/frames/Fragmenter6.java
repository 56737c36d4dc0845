package org.pkttables.io.frames;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Checksums;

/**
 * IPv6 fragmentation of a datagram the appliance reassembled before conntrack (nf_defrag_ipv6), as
 * ip6_fragment sends it on: the unfragmentable part (IPv6 header, hop-by-hop, routing and the
 * destination options before a routing header) on every piece, then a fragment header, then payload
 * in multiples of 8 bytes. IPv6 routers never fragment other packets; the identification is a fresh
 * one per datagram, as the kernel picks one with ipv6_select_ident.
 */
public final class Fragmenter6 {
    private final byte[] scratch;
    private int ident = (int) System.nanoTime();

    public Fragmenter6(int maxFrame) {
        scratch = new byte[maxFrame];
    }

    /** Sends the IPv6 packet in {@code p} as fragments of at most {@code mtu} bytes; how many, 0 if it cannot. */
    public int fragment(PacketContext p, int mtu, TcpSegmenter.Sink out) {
        byte[] b = p.buffer();
        int l2 = p.start();
        int l3 = p.l3Offset();
        int end = l3 + 40 + IpHeaders.u16(b, l3 + 4);
        if (end > p.end()) {
            return 0;
        }
        Checksums.completePartial(p);
        int nhAt = l3 + 6;
        int nh = b[nhAt] & 0xff;
        int pos = l3 + 40;
        while (nh == 0 || nh == 43 || (nh == 60 && pos + 2 <= end && (b[pos] & 0xff) == 43)) {
            if (pos + 2 > end) {
                return 0;
            }
            nhAt = pos;
            nh = b[pos] & 0xff;
            pos += ((b[pos + 1] & 0xff) + 1) * 8;
        }
        if (pos > end) {
            return 0;
        }
        int hdr = pos - l2; // link-layer and unfragmentable headers
        int chunk = (mtu - (pos - l3) - 8) & ~7;
        if (chunk < 8 || hdr + 8 + chunk > scratch.length) {
            return 0;
        }
        int payload = end - pos;
        int id = ++ident;
        int sent = 0;
        for (int off = 0; off < payload; off += chunk) {
            int n = Math.min(chunk, payload - off);
            boolean last = off + n >= payload;
            System.arraycopy(b, l2, scratch, 0, hdr);
            scratch[nhAt - l2] = 44;
            int f = hdr;
            scratch[f] = (byte) nh;
            scratch[f + 1] = 0;
            IpHeaders.put16(scratch, f + 2, off | (last ? 0 : 1));
            IpHeaders.put16(scratch, f + 4, id >>> 16);
            IpHeaders.put16(scratch, f + 6, id & 0xffff);
            System.arraycopy(b, pos + off, scratch, f + 8, n);
            IpHeaders.put16(scratch, l3 - l2 + 4, pos - l3 - 40 + 8 + n);
            out.send(scratch, f + 8 + n);
            sent++;
        }
        return sent;
    }
}
