package org.pkttables.ext.ipset.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.ext.targets.impl.MarkTargetType;
import org.pkttables.tables.testing.Frames;

/**
 * bitmap:ip,mac and hash:ip,mark through the real core. bitmap:ip,mac's command side is checked
 * against the real ipset (oracle/ipmac.out); hash:ip,mark's kernel module is not on the recording
 * machine, so its listing follows ipset 7.17's sources (markmask after the family, marks as 0x%08x,
 * revision 3) and the kernel's (mark &amp; markmask on add and on lookup).
 */
class IpMacAndIpMarkTest {
    private final Fixture f = new Fixture();

    IpMacAndIpMarkTest() {
        f.h.with(new MarkTargetType());
    }

    private int in4(String srcMac, String src) {
        byte[] frame = Frames.ipv4(src, "10.9.9.9").srcMac(srcMac).udp(4000, 53).build();
        return f.h.inject(Family.IPV4, Hook.INPUT, frame, "eth0", null);
    }

    @Test
    void ipMacMatchesTheAddressFromItsMacOnly() {
        f.ok("ipset create bm bitmap:ip,mac range 192.168.0.0/24");
        f.ok("ipset add bm 192.168.0.1,02:00:00:00:00:aa");
        f.ok("iptables -A INPUT -m set --match-set bm src,src -j DROP");
        assertEquals(Verdict.DROP, in4("02:00:00:00:00:aa", "192.168.0.1"));
        assertEquals(Verdict.ACCEPT, in4("02:00:00:00:00:bb", "192.168.0.1"), "the same address from another MAC");
        assertEquals(Verdict.ACCEPT, in4("02:00:00:00:00:aa", "192.168.0.2"));
    }

    @Test
    void anElementWithoutMacLearnsItFromTheFirstPacket() {
        f.ok("ipset create bm bitmap:ip,mac range 192.168.0.0/24 timeout 100");
        f.ok("ipset add bm 192.168.0.5");
        assertTrue(f.ok("ipset list bm").contains("192.168.0.5 timeout 100\n"), "the timeout waits for the MAC");
        f.ok("iptables -A INPUT -m set --match-set bm src,src -j DROP");
        assertEquals(Verdict.DROP, in4("02:00:00:00:00:cc", "192.168.0.5"));
        f.clock.advanceMillis(1000);
        assertTrue(f.ok("ipset list bm").contains("192.168.0.5,02:00:00:00:00:CC timeout 99\n"));
        assertEquals(Verdict.ACCEPT, in4("02:00:00:00:00:dd", "192.168.0.5"), "now bound to the first MAC");
    }

    @Test
    void ipMacNeedsTwoDirections() {
        f.ok("ipset create bm bitmap:ip,mac range 192.168.0.0/24");
        f.ok("ipset add bm 192.168.0.1,02:00:00:00:00:aa");
        f.ok("iptables -A INPUT -m set --match-set bm src -j DROP");
        assertEquals(Verdict.ACCEPT, in4("02:00:00:00:00:aa", "192.168.0.1"), "a 2-dimension set asked with one");
    }

    @Test
    void setTargetAddsAddressAndMac() {
        f.ok("ipset create bm bitmap:ip,mac range 192.168.0.0/24");
        f.ok("iptables -A INPUT -j SET --add-set bm src,src");
        in4("02:00:00:00:00:ee", "192.168.0.7");
        assertTrue(f.ok("ipset save bm").contains("add bm 192.168.0.7,02:00:00:00:00:EE\n"));
    }

    @Test
    void ipMarkListingAndErrors() {
        f.ok("ipset create hm hash:ip,mark markmask 0xffff0000 initval 0x00000001");
        f.ok("ipset add hm 10.0.0.1,0x12345678");
        f.ok("ipset add hm 10.0.1.0/31,5");
        assertEquals("""
                create hm hash:ip,mark family inet markmask 0xffff0000 hashsize 1024 maxelem 65536 bucketsize 12 initval 0x00000001
                add hm 10.0.0.1,0x12340000
                add hm 10.0.1.0,0x00000000
                add hm 10.0.1.1,0x00000000
                """, sortedSave(f.ok("ipset save hm")));
        assertEquals("ipset v7.17: The value of the markmask parameter is invalid\n",
                f.fails(1, "ipset create bad hash:ip,mark markmask 0"));
        assertEquals("ipset v7.17: Syntax error: 'x' is invalid as number\n", f.fails(1, "ipset add hm 10.0.0.2,x"));
        assertEquals("ipset v7.17: Syntax error: '4294967296' is out of range 0-4294967295\n",
                f.fails(1, "ipset add hm 10.0.0.2,4294967296"));
        assertTrue(f.ok("ipset list hm").contains("Type: hash:ip,mark\nRevision: 3\n"));
        f.ok("ipset create hm6 hash:ip,mark family inet6");
        f.ok("ipset add hm6 2001:db8::1,0x10");
        assertTrue(f.ok("ipset save hm6").contains("add hm6 2001:db8::1,0x00000010\n"));
    }

    /** The create line, then the add lines sorted (hash order differs from the kernel's). */
    private static String sortedSave(String save) {
        String[] lines = save.split("\n");
        java.util.Arrays.sort(lines, 1, lines.length);
        return String.join("\n", lines) + "\n";
    }

    @Test
    void ipMarkMatchesAddressAndMaskedMark() {
        f.ok("ipset create hm hash:ip,mark markmask 0xff");
        f.ok("ipset add hm 10.0.0.1,0x7");
        f.ok("iptables -A INPUT -j MARK --set-mark 0x107");
        f.ok("iptables -A INPUT -m set --match-set hm src,dst -j DROP");
        assertEquals(Verdict.DROP, in4("02:00:00:00:00:01", "10.0.0.1"), "0x107 & 0xff is 0x7");
        assertEquals(Verdict.ACCEPT, in4("02:00:00:00:00:01", "10.0.0.2"));
        f.ok("iptables -R INPUT 1 -j MARK --set-mark 0x8");
        assertEquals(Verdict.ACCEPT, in4("02:00:00:00:00:01", "10.0.0.1"));
    }
}
