package org.pkttables.io.frames;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.PacketContext;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;

/** IPv6 fragmentation of a reassembled datagram: the unfragmentable part on every piece, then the fragment header. */
class Fragmenter6Test {
    @Test
    void aHopByHopHeaderStaysUnfragmentableThePayloadIsCutInEights() {
        int data = 4000;
        byte[] f = new byte[14 + 40 + 8 + 8 + data];
        f[12] = (byte) 0x86;
        f[13] = (byte) 0xdd;
        f[14] = 0x60;
        IpHeaders.put16(f, 18, 8 + 8 + data);
        f[20] = 0; // hop-by-hop
        f[21] = 64;
        f[22] = 0x20;
        f[37] = 1;
        f[38] = 0x20;
        f[53] = 2;
        f[54] = 17; // hop-by-hop -> UDP
        f[56] = 1; // PadN
        f[57] = 4;
        IpHeaders.put16(f, 62, 5353);
        IpHeaders.put16(f, 64, 40000);
        IpHeaders.put16(f, 66, 8 + data);
        for (int i = 0; i < data; i++) {
            f[70 + i] = (byte) (i % 251);
        }
        PacketContext p = new PacketContext();
        p.reset(f, 0, f.length);
        p.setL2(0);
        assertTrue(new Ipv6Handler().parse(p, 14));
        List<byte[]> out = new ArrayList<>();
        int n = new Fragmenter6(9000).fragment(p, 1500, (b, len) -> out.add(Arrays.copyOf(b, len)));
        assertEquals(3, n);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        long ident = -1;
        for (int i = 0; i < n; i++) {
            byte[] g = out.get(i);
            assertTrue(g.length - 14 <= 1500, "piece " + i + " within the MTU: " + g.length);
            assertEquals(44, g[54], "the hop-by-hop header names the fragment header");
            int fh = 14 + 48;
            assertEquals(17, g[fh], "the fragment header names what the hop-by-hop header named");
            int field = IpHeaders.u16(g, fh + 2);
            assertEquals(payload.size(), field & 0xfff8, "offset of piece " + i);
            assertEquals(i < n - 1 ? 1 : 0, field & 1, "more fragments flag of piece " + i);
            long id = ((long) IpHeaders.u16(g, fh + 4) << 16) | IpHeaders.u16(g, fh + 6);
            assertTrue(ident < 0 || id == ident, "one identification");
            ident = id;
            assertEquals(g.length - 14 - 40, IpHeaders.u16(g, 18), "payload length of piece " + i);
            if (i < n - 1) {
                assertEquals(0, (g.length - fh - 8) % 8);
            }
            payload.write(g, fh + 8, g.length - fh - 8);
        }
        assertArrayEquals(Arrays.copyOfRange(f, 14 + 48, f.length), payload.toByteArray());
    }
}
