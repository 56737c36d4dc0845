package org.pkttables.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.pkttables.io.pcap.PcapReader;
import org.pkttables.io.pcap.PcapWriter;
import org.pkttables.tables.testing.Frames;

/**
 * The traffic of the bundled demo capture ({@code demo/demo.pcap}): what arrives on the outside port
 * of a small site firewall. Deterministic (fixed seed), so the committed file is exactly what this
 * code writes; {@link DemoCaptureTest} checks that.
 */
final class DemoTraffic {
    static final String OUTSIDE_MAC = "02:00:00:00:01:01";
    static final String GATEWAY_MAC = "02:00:00:00:01:fe";

    private DemoTraffic() {
    }

    static List<byte[]> frames() {
        Random rnd = new Random(20261123L);
        List<byte[]> f = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            f.add(tcp4(internet(rnd), "10.0.0.10", 40000 + i, 80));
        }
        for (int i = 0; i < 200; i++) {
            f.add(tcp4(internet(rnd), "10.0.0.10", 41000 + i, 443));
        }
        for (int i = 0; i < 50; i++) {
            f.add(tcp4("198.51.100." + (1 + rnd.nextInt(250)), "10.0.0.22", 42000 + i, 22));
        }
        for (int i = 0; i < 80; i++) {
            f.add(tcp4(internet(rnd), "10.0.0.22", 43000 + i, 22));
        }
        for (int i = 0; i < 40; i++) {
            f.add(tcp4(internet(rnd), "10.0.0.10", 44000 + i, 23));
        }
        for (int i = 0; i < 150; i++) {
            f.add(mac(Frames.ipv4(internet(rnd), "10.0.0.53").udp(1024 + rnd.nextInt(60000), 53)
                    .payload("demo-dns-query-" + i)).build());
        }
        for (int i = 0; i < 100; i++) {
            f.add(mac(Frames.ipv4(internet(rnd), "10.0.0.10").udp(5000 + i, 10000 + rnd.nextInt(50000))
                    .payload(new byte[64])).build());
        }
        for (int i = 0; i < 60; i++) {
            f.add(mac(Frames.ipv4(internet(rnd), "10.0.0.10").icmp(8, 0).payload("ping " + i)).build());
        }
        for (int i = 0; i < 20; i++) {
            f.add(mac(Frames.ipv4(internet(rnd), "10.0.0.10").icmp(13, 0).payload(new byte[12])).build());
        }
        for (int i = 0; i < 60; i++) {
            f.add(mac(Frames.ipv6("2001:db8:ffff::" + Integer.toHexString(1 + rnd.nextInt(4000)), "2001:db8::10")
                    .tcp(45000 + i, 80).flags(Frames.SYN)).build());
        }
        for (int i = 0; i < 30; i++) {
            f.add(mac(Frames.ipv6("2001:db8:ffff::" + Integer.toHexString(1 + rnd.nextInt(4000)), "2001:db8::10")
                    .icmp(128, 0).payload("ping6 " + i)).build());
        }
        for (int i = 0; i < 20; i++) {
            f.add(mac(Frames.ipv6("2001:db8:ffff::" + Integer.toHexString(1 + rnd.nextInt(4000)), "2001:db8::10")
                    .tcp(46000 + i, 23).flags(Frames.SYN)).build());
        }
        for (int i = 0; i < 30; i++) {
            f.add(Frames.arpRequest(OUTSIDE_MAC, "10.0.0.1", "10.0.0." + (2 + i)));
        }
        for (int i = 0; i < 5; i++) {
            // Truncated in the IP header: must be counted as malformed, never crash anything.
            byte[] whole = tcp4(internet(rnd), "10.0.0.10", 47000 + i, 80);
            byte[] cut = new byte[14 + 12];
            System.arraycopy(whole, 0, cut, 0, cut.length);
            f.add(cut);
        }
        Collections.shuffle(f, rnd);
        return f;
    }

    static void write(OutputStream out) throws IOException {
        try (PcapWriter w = new PcapWriter(out, PcapReader.LINKTYPE_ETHERNET)) {
            long t = 1_795_000_000_000_000_000L;
            for (byte[] b : frames()) {
                w.write(t, b, 0, b.length);
                t += 1_000_000L;
            }
        }
    }

    private static String internet(Random rnd) {
        return (rnd.nextBoolean() ? "203.0.113." : "192.0.2.") + (1 + rnd.nextInt(254));
    }

    private static byte[] tcp4(String src, String dst, int sport, int dport) {
        return mac(Frames.ipv4(src, dst).tcp(sport, dport).flags(Frames.SYN)).build();
    }

    private static Frames.Packet mac(Frames.Packet p) {
        return p.srcMac(OUTSIDE_MAC).dstMac(GATEWAY_MAC);
    }
}
