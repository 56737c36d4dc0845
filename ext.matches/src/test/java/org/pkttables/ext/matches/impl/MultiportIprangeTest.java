package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.tables.testing.Packets;

class MultiportIprangeTest {
    private final MultiportMatchType multiport = new MultiportMatchType();
    private final IprangeMatchType iprange = new IprangeMatchType();

    private Match mp(int proto, String line) {
        return Compiled.match(multiport, Family.IPV4, proto, line);
    }

    private static PacketContext udp(int s, int d) {
        return Packets.ctx4(Packets.ipv4(17, Packets.udp(s, d)));
    }

    @Test
    void multiportMatchesSinglePortsAndRanges() {
        Match m = mp(17, "--dports 53,1000:2000,5353");
        assertTrue(m.matches(udp(1, 53)));
        assertTrue(m.matches(udp(1, 1000)));
        assertTrue(m.matches(udp(1, 2000)));
        assertTrue(m.matches(udp(1, 5353)));
        assertFalse(m.matches(udp(1, 2001)));
        assertFalse(m.matches(udp(53, 1)), "source port is not looked at with --dports");
        assertTrue(mp(17, "--sports 53").matches(udp(53, 1)));
        assertTrue(mp(17, "--ports 53").matches(udp(53, 1)));
        assertTrue(mp(17, "--ports 53").matches(udp(1, 53)));
        assertFalse(mp(17, "--ports 53").matches(udp(1, 2)));
        assertTrue(mp(17, "! --ports 53").matches(udp(1, 2)));
        assertFalse(mp(17, "! --ports 53").matches(udp(53, 2)));
        assertTrue(Compiled.match(multiport, Family.IPV6, 6, "--dports 22,80")
                .matches(Packets.ctx6(Packets.ipv6(6, Packets.tcp(1, 80, 2)))));
    }

    @Test
    void multiportNeverMatchesTruncatedOrLaterFragments() {
        byte[] f = Packets.ipv4(17, Packets.udp(1, 53));
        Match inv = mp(17, "! --dports 80");
        for (int len = 0; len < Packets.ETH + Packets.IP4 + 4; len++) {
            assertFalse(inv.matches(Packets.ctx4(f, len)), "cut at " + len);
        }
        assertTrue(inv.matches(Packets.ctx4(f, Packets.ETH + Packets.IP4 + 4)), "ports are all it needs");
        assertFalse(inv.matches(Packets.laterFragment(udp(1, 53))));
    }

    @Test
    void multiportChecksProtocolAndOptions() {
        assertThrows(IllegalArgumentException.class, () -> mp(1, "--dports 22"));
        assertThrows(IllegalArgumentException.class, () -> mp(-1, "--dports 22"));
        assertThrows(IllegalArgumentException.class, () -> mp(6, ""));
        assertThrows(IllegalArgumentException.class, () -> mp(6, "--dports 1:2,3:4,5:6,7:8,9:10,11:12,13:14,15:16"));
        assertThrows(IllegalArgumentException.class, () -> mp(6, "--dports 2:2"));
        assertEquals("--dports 18,22,80:443", Compiled.listed(multiport, Family.IPV4, 6,
                "--destination-ports 022,0x16,http:https"));
    }

    private static PacketContext v4(int src, int dst) {
        byte[] f = Packets.ipv4(17, Packets.udp(1, 2));
        f[Packets.ETH + 15] = (byte) src;
        f[Packets.ETH + 19] = (byte) dst;
        return Packets.ctx4(f);
    }

    @Test
    void iprangeIpv4() {
        Match m = Compiled.v4(iprange, "--src-range 10.0.0.2-10.0.0.5");
        assertFalse(m.matches(v4(1, 9)));
        assertTrue(m.matches(v4(2, 9)));
        assertTrue(m.matches(v4(5, 9)));
        assertFalse(m.matches(v4(6, 9)));
        Match both = Compiled.v4(iprange, "! --src-range 10.0.0.2-10.0.0.5 --dst-range 10.0.0.200-10.0.0.255");
        assertTrue(both.matches(v4(1, 255)), "high addresses compare unsigned");
        assertFalse(both.matches(v4(3, 255)));
        assertFalse(both.matches(v4(1, 199)));
        assertFalse(Compiled.v4(iprange, "--src-range 10.0.0.5-10.0.0.2").matches(v4(3, 9)), "from > to: nothing");
        assertFalse(Compiled.v4(iprange, "! --src-range 1.1.1.1").matches(Packets.ctx4(
                Packets.ipv4(17, Packets.udp(1, 2)), Packets.ETH + 15)), "address cut short");
        assertThrows(IllegalArgumentException.class, () -> Compiled.v4(iprange, "--src-range ::1-::2"));
        assertThrows(IllegalArgumentException.class, () -> Compiled.v6(iprange, "--src-range 1.1.1.1-1.1.1.2"));
    }

    @Test
    void iprangeIpv6ComparesAll128Bits() {
        // Packets.ipv6: source fe80::1, destination fe80::2.
        PacketContext p = Packets.ctx6(Packets.ipv6(17, Packets.udp(1, 2)));
        assertTrue(Compiled.v6(iprange, "--src-range fe80::-fe80::1").matches(p));
        assertFalse(Compiled.v6(iprange, "--src-range fe80::2-fe80::ffff").matches(p));
        assertTrue(Compiled.v6(iprange, "--dst-range fe7f::-fe80::ffff").matches(p));
        assertFalse(Compiled.v6(iprange, "--dst-range fe80:0:0:1::-ffff::").matches(p));
        assertTrue(Compiled.v6(iprange, "--src-range ::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").matches(p));
        assertTrue(Compiled.v6(iprange, "! --src-range 8000::-fe7f::").matches(p));
        assertFalse(Compiled.v6(iprange, "--src-range ::-ffff::").matches(
                Packets.ctx6(Packets.ipv6(17, Packets.udp(1, 2)), Packets.ETH + 39)));
    }

    @Test
    void ipv6AddressesListAsInetNtop() {
        assertEquals("--src-range 2001:db8::1-2001:db8:0:1::", Compiled.listed(iprange, Family.IPV6, -1,
                "--src-range 2001:DB8:0:0:0:0:0:1-2001:db8:0:1:0:0:0:0"));
        assertEquals("--src-range ::ffff:1.2.3.4-::1.2.3.4", Compiled.listed(iprange, Family.IPV6, -1,
                "--src-range ::ffff:102:304-::102:304"));
        assertEquals("--src-range 1:0:1::1-::", Compiled.listed(iprange, Family.IPV6, -1,
                "--src-range 1:0:1:0:0:0:0:1-0::0"));
        assertEquals("--src-range 1::1:0:0:1-1:0:0:1::1", Compiled.listed(iprange, Family.IPV6, -1,
                "--src-range 1:0:0:0:1:0:0:1-1:0:0:1:0:0:0:1"));
    }
}
