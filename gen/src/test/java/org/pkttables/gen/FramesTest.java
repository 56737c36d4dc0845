package org.pkttables.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every frame checked independently of the builder: lengths, IPv4 header and L4 checksums, SYN options. */
class FramesTest {
    @ParameterizedTest
    @CsvSource({ "http, 10.1.0.0/16, 10.2.0.10", "ping, 10.1.0.0/16, 10.2.0.10", "dns, 10.1.0.0/16, 10.2.0.10",
        "https, 2001:db8:1::/48, 2001:db8:2::10", "ping, 2001:db8:1::/48, 2001:db8:2::10",
        "dns, 2001:db8:1::/48, 2001:db8:2::10" })
    void lengthsAndChecksumsAreRight(String profile, String clients, String servers) {
        Generator g = new Generator(Profile.builtin(profile), new GenOptions().count(50).clients(clients).servers(servers));
        int syns = 0;
        while (g.next()) {
            byte[] b = g.buffer();
            int len = g.length();
            int type = u16(b, 12);
            int l4;
            int proto;
            long pseudo;
            if (type == 0x0800) {
                assertEquals(len - 14, u16(b, 16), "IPv4 total length");
                assertEquals(0xffff, fold(sum(b, 14, 20, 0)), "IPv4 header checksum");
                proto = b[23] & 0xff;
                l4 = 34;
                pseudo = sum(b, 26, 8, 0) + proto + (len - l4);
            } else {
                assertEquals(0x86dd, type);
                assertEquals(len - 54, u16(b, 18), "IPv6 payload length");
                proto = b[20] & 0xff;
                l4 = 54;
                pseudo = sum(b, 22, 32, 0) + proto + (len - l4);
            }
            long s = proto == 1 ? sum(b, l4, len - l4, 0) : sum(b, l4, len - l4, pseudo);
            assertEquals(0xffff, fold(s), "L4 checksum of a frame of flow " + g.flow());
            if (proto == 6 && (b[l4 + 13] & 0x02) != 0) {
                syns++;
                // MSS, window scale, SACK permitted
                assertEquals(32, (b[l4 + 12] & 0xf0) >> 2, "SYN header length");
                assertEquals(2, b[l4 + 20]);
                assertEquals(type == 0x0800 ? 1460 : 1440, u16(b, l4 + 22));
                assertEquals(3, b[l4 + 25]);
                assertEquals(7, b[l4 + 27]);
                assertEquals(4, b[l4 + 30]);
            }
            assertTrue(len <= 1514, "frame of " + len + " bytes");
        }
        assertEquals(profile.startsWith("http") ? 100 : 0, syns);
    }

    @ParameterizedTest
    @CsvSource({ "seq, seq:40000", "random, random" })
    void addressesAndPortsFollowTheirDistribution(String clientOrder, String sport) {
        GenOptions o = new GenOptions().count(2000).clients("10.1.0.0/24").servers("10.2.0.10").clientOrder(clientOrder)
                .sport(sport).concurrency(1);
        Generator g = new Generator(Profile.builtin("dns"), o);
        Set<String> tuples = new HashSet<>();
        long lastFlow = -1;
        while (g.next()) {
            byte[] b = g.buffer();
            assertTrue(g.flow() >= lastFlow, "concurrency 1: flows one after the other");
            lastFlow = g.flow();
            if (g.direction() != Profile.UP) {
                continue;
            }
            int host = b[29] & 0xff;
            assertTrue((b[26] & 0xff) == 10 && b[27] == 1 && b[28] == 0 && host >= 1 && host <= 254, "client in /24");
            assertEquals("10.2.0.10", (b[30] & 0xff) + "." + b[31] + "." + b[32] + "." + b[33]);
            int port = u16(b, 34);
            if (clientOrder.equals("seq")) {
                assertEquals(1 + g.flow() % 254, host);
                assertEquals(40000 + g.flow(), port);
            } else {
                assertTrue(port >= 1024);
            }
            assertTrue(tuples.add(host + ":" + port), "tuple reused: " + host + ":" + port);
        }
        assertEquals(2000, tuples.size());
    }

    private static int u16(byte[] b, int o) {
        return ((b[o] & 0xff) << 8) | (b[o + 1] & 0xff);
    }

    private static long sum(byte[] b, int off, int len, long s) {
        for (int i = 0; i + 1 < len; i += 2) {
            s += u16(b, off + i);
        }
        if ((len & 1) != 0) {
            s += (b[off + len - 1] & 0xff) << 8;
        }
        return s;
    }

    private static int fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }
}
