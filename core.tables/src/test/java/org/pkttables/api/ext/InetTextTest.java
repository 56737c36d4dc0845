package org.pkttables.api.ext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Expected values: iptables 1.8.9 -S for the xtables reading, ipset 7.17 list for inet_aton, and glibc's
 * inet_pton/inet_ntop (through Python's socket module) for IPv6.
 */
class InetTextTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1.2.3.4|1.2.3.4", "1.2.3|1.2.3.0", "10|10.0.0.0", "010.1.1.1|8.1.1.1",
        "0x0a.1.1.1|10.1.1.1", "' 1.2.3.4'|1.2.3.4", "+1.2.3.4|1.2.3.4", "000001.2.3.4|1.2.3.4",
        "0x00001.2.3.4|1.2.3.4"})
    void iptablesReading(String text, String listed) {
        assertEquals(listed, InetText.formatIpv4(InetText.parseIptablesIpv4(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "300.1.1.1", "1.2.3.4.5", "1..2.3", "1.2.3.", "-1.2.3.4", "0x.1.2.3", "a.b.c.d"})
    void iptablesReadingRejects(String text) {
        assertEquals(-1, InetText.parseIptablesIpv4(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1.2.3.4|1.2.3.4", "1.2.3|1.2.0.3", "16909060|1.2.3.4",
        "000000001.2.3.7|1.2.3.7", "01.2.3.4|1.2.3.4", "1.2.65535|1.2.255.255"})
    void inetAtonReading(String text, String listed) {
        assertEquals(listed, InetText.formatIpv4(InetText.parseInetAton(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3.", "1.2.3.256", "1.2.65536", "1.2.3.4.5", "256.1.1.1", "foo", "+1.2.3.4",
        " 1.2.3.4", "1.2.3.4x"})
    void inetAtonRejects(String text) {
        assertEquals(-1, InetText.parseInetAton(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2001:DB8::0:2|2001:db8::2", "::ffff:1.2.3.4|::ffff:1.2.3.4", "::|::",
        "::1|::1", "1::|1::", "1:0:0:2:0:0:0:3|1:0:0:2::3", "1:0:0:2:0:0:3:4|1::2:0:0:3:4",
        "1:0:2:3:4:5:6:7|1:0:2:3:4:5:6:7", "::1.2.3.4|::1.2.3.4", "::1:2:3|::1:2:3",
        "::ffff:0:1.2.3.4|::ffff:0:102:304", "0:0:0:0:0:1:0:0|::1:0:0", "fe80::|fe80::",
        "1:2:3:4:5:6:7::|1:2:3:4:5:6:7:0", "1:2:3:4:5:6:1.2.3.4|1:2:3:4:5:6:102:304"})
    void ipv6AsGlibcReadsAndPrintsIt(String text, String listed) {
        long[] a = InetText.parseIpv6(text);
        assertEquals(listed, InetText.formatIpv6(a[0], a[1]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "::ffff:01.2.3.4", "1::2::3", "1.2.3.4::", "12345::", ":::", "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7::8", "::1.2.3", "::1.2.3.256", "::1.2.3.4:5", ":1::", "1::2:", "1.2.3.4", "g::"})
    void ipv6Rejects(String text) {
        assertNull(InetText.parseIpv6(text));
    }

    @ParameterizedTest
    @CsvSource({"0,0.0.0.0", "1,128.0.0.0", "24,255.255.255.0", "32,255.255.255.255"})
    void ipv4Masks(int len, String mask) {
        assertEquals(mask, InetText.formatIpv4(InetText.ipv4Mask(len)));
        assertEquals(len, InetText.ipv4PrefixLength(InetText.ipv4Mask(len)));
        assertEquals(len, InetText.ipv4PrefixLength((int) InetText.ipv4Mask(len)), "as a signed int");
    }

    @ParameterizedTest
    @CsvSource({"0,::", "1,8000::", "64,ffff:ffff:ffff:ffff::", "65,ffff:ffff:ffff:ffff:8000::",
        "128,ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"})
    void ipv6Masks(int len, String mask) {
        assertEquals(mask, InetText.formatIpv6(InetText.ipv6MaskHi(len), InetText.ipv6MaskLo(len)));
        assertEquals(len, InetText.ipv6PrefixLength(InetText.ipv6MaskHi(len), InetText.ipv6MaskLo(len)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"255.0.255.0", "0.0.0.255", "255.255.255.253"})
    void nonContiguousMasksHaveNoLength(String mask) {
        assertEquals(-1, InetText.ipv4PrefixLength(InetText.parseIptablesIpv4(mask)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffff::ffff", "::1", "ffff:ffff:ffff:fffd::"})
    void nonContiguousIpv6MasksHaveNoLength(String mask) {
        long[] m = InetText.parseIpv6(mask);
        assertEquals(-1, InetText.ipv6PrefixLength(m[0], m[1]));
    }
}
