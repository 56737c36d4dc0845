package org.pkttables.ext.nptv6.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pkttables.api.PacketContext;
import org.pkttables.tables.testing.Frames;

/**
 * The translated address bytes. The expected addresses were observed from the kernel's ip6t_NPT on this
 * machine (an SNPT rule in a network namespace's mangle POSTROUTING, UDP sent from each source address and
 * captured on the far end of a veth), and the first is RFC 6296 section 3.6's example.
 */
class NptMappingTest {
    private static NptMapping mapping(String src, String dst) {
        return new NptMapping(Ipv6PrefixType.INSTANCE.parse(List.of(src)), Ipv6PrefixType.INSTANCE.parse(List.of(dst)));
    }

    /** The address after mapping, or null when the mapping refused it. */
    private static byte[] map(NptMapping m, String address) {
        byte[] a = Frames.addr(address, 16);
        PacketContext p = new PacketContext().reset(a, 0, 16);
        return m.map(p, 0) ? a : null;
    }

    /** One's complement sum of the eight words (what every pseudo header adds). */
    private static int sum(byte[] a) {
        int s = 0;
        for (int i = 0; i < 16; i += 2) {
            s = NptMapping.add(s, (a[i] & 0xff) << 8 | (a[i + 1] & 0xff));
        }
        return s == 0xffff ? 0 : s;
    }

    @ParameterizedTest(name = "{0} -> {1}: {2} -> {3}")
    @CsvSource({
        // RFC 6296 3.6: FD01:0203:0405:0001::1234 -> 2001:0DB8:0001:D550::1234
        "fd01:203:405::/48, 2001:db8:1::/48, fd01:203:405:1::1234, 2001:db8:1:d550::1234",
        // a /48 adjusts word 3 even when it is 0xFFFF
        "fd01:203:405::/48, 2001:db8:1::/48, fd01:203:405:ffff::1, 2001:db8:1:d54f::1",
        // the sum comes out 0xFFFF: written as 0x0000
        "fd01:203:405::/48, 2001:db8:1::/48, fd01:203:405:2ab0::1, 2001:db8:1::1",
        // /50: the two prefix bits of word 3 replaced, word 4 adjusted
        "fd00:1:2:4000::/50, 2001:db8:aa:8000::/50, fd00:1:2:4abc:1:2:3:4, 2001:db8:aa:8abc:8ea1:2:3:4",
        // /50 with words 4 and 5 0xFFFF: word 6 adjusted
        "fd00:1:2:4000::/50, 2001:db8:aa:8000::/50, fd00:1:2:7fff:ffff:ffff:1:2, 2001:db8:aa:bfff:ffff:ffff:8ea1:2",
        // /40: half of word 2 replaced, word 3 adjusted
        "fd00:1:200::/40, 2001:db8:ab00::/40, fd00:1:2cd:1234::5, 2001:db8:abcd:387c::5",
        // /56 with word 4 0xFFFF: word 5 adjusted
        "fd00:1:2:300::/56, 2001:db8:5:600::/56, fd00:1:2:3ff:ffff:1:2:3, 2001:db8:5:6ff:ffff:cc46:2:3",
        // /64 to /48: the longer length is replaced (word 3 becomes the /48's zero), word 4 adjusted
        "fd00:1:2:3::/64, 2001:db8:1::/48, fd00:1:2:3:a:b:c:d, 2001:db8:1:0:cf56:b:c:d",
        "fd00:1:2:3::/64, 2001:db8:1::/48, fd00:1:2:3:ffff:ffff:ffff:fffe, 2001:db8:1:0:ffff:ffff:ffff:cf4b",
    })
    void translatesAsTheKernel(String src, String dst, String in, String out) {
        byte[] before = Frames.addr(in, 16);
        byte[] after = map(mapping(src, dst), in);
        assertArrayEquals(Frames.addr(out, 16), after);
        assertEquals(sum(before), sum(after), "checksum-neutral");
    }

    @Test
    void anInterfaceIdentifierOfAllOnesCannotBeTranslatedBeyondA48() {
        // the kernel drops it (sendto from that address fails with EPERM)
        assertFalse(mapping("fd00:1:2:3::/64", "2001:db8:1::/48").map(
                new PacketContext().reset(Frames.addr("fd00:1:2:3:ffff:ffff:ffff:ffff", 16), 0, 16), 0));
    }

    @Test
    void theReverseMappingGivesTheAddressBack() {
        NptMapping out = mapping("fd01:203:405::/48", "2001:db8:1::/48");
        NptMapping in = mapping("2001:db8:1::/48", "fd01:203:405::/48");
        for (String a : List.of("fd01:203:405:1::1234", "fd01:203:405:beef:1:2:3:4", "fd01:203:405:0:ffff::")) {
            assertArrayEquals(Frames.addr(a, 16), map(in, formatted(map(out, a))), a);
        }
        // 0xFFFF and 0x0000 are both zero in one's complement: a subnet 0xFFFF comes back as 0x0000 (RFC 6296 3.4)
        assertArrayEquals(Frames.addr("fd01:203:405:0::1", 16), map(in, formatted(map(out, "fd01:203:405:ffff::1"))));
    }

    @Test
    void inSourceComparesTheSourcePrefixBitsOnly() {
        NptMapping m = mapping("fd00:1:2:4000::/50", "2001:db8:aa:8000::/50");
        assertTrue(m.inSource(new PacketContext().reset(Frames.addr("fd00:1:2:7fff::1", 16), 0, 16), 0));
        assertFalse(m.inSource(new PacketContext().reset(Frames.addr("fd00:1:2:8000::1", 16), 0, 16), 0));
    }

    private static String formatted(byte[] a) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            sb.append(i == 0 ? "" : ":").append(Integer.toHexString((a[i] & 0xff) << 8 | (a[i + 1] & 0xff)));
        }
        return sb.toString();
    }
}
