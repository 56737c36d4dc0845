package org.pkttables.api.ext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

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

    /** RFC 5952 section 4 (and its examples), which glibc's inet_ntop follows for all but the IPv4 tails. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2001:0db8:0000:0000:0000:0000:0000:0001|2001:db8::1", // 4.1 no leading zeros, 4.3 lower case
        "2001:DB8:0:0:0:0:0:1|2001:db8::1", "2001:db8:0:0:1:0:0:1|2001:db8::1:0:0:1", // 4.2.3 first longest run
        "2001:0:0:1:0:0:0:1|2001:0:0:1::1", // 4.2.3 the longest run, not the first
        "2001:db8:0:1:1:1:1:1|2001:db8:0:1:1:1:1:1", // 4.2.2 one zero group is not shortened
        "2001:db8::0:1|2001:db8::1", "0:0:0:0:0:0:0:0|::", "0:0:0:0:0:0:0:1|::1", "1:0:0:0:0:0:0:0|1::",
        "2001:db8:aaaa:bbbb:cccc:dddd:eeee:0001|2001:db8:aaaa:bbbb:cccc:dddd:eeee:1",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff|ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"})
    void rfc5952Text(String text, String listed) {
        long[] a = InetText.parseIpv6(text);
        assertEquals(listed, InetText.formatIpv6(a[0], a[1]));
        assertEquals(listed, InetText.formatIpv6(InetText.parseIpv6Bytes(text), 0));
    }

    /** IPv4-mapped and -compatible addresses end in a dotted quad (RFC 5952 section 5, glibc's inet_ntop). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"::ffff:10.0.0.1|::ffff:10.0.0.1", "0:0:0:0:0:ffff:a00:1|::ffff:10.0.0.1",
        "::ffff:0.0.0.0|::ffff:0.0.0.0", "::ffff:255.255.255.255|::ffff:255.255.255.255",
        "::10.0.0.1|::10.0.0.1", "::1:ffff:10.0.0.1|::1:ffff:a00:1", "64:ff9b::10.0.0.1|64:ff9b::a00:1"})
    void ipv4TailsAsInetNtopPrintsThem(String text, String listed) {
        assertEquals(listed, InetText.formatIpv6(InetText.parseIpv6Bytes(text), 0));
    }

    @Test
    void bytesAtAnOffsetAndAddressObjects() throws UnknownHostException {
        byte[] frame = {9, 9, 10, 0, 0, (byte) 254, 0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        assertEquals("10.0.0.254", InetText.formatIpv4(frame, 2));
        assertEquals("2001:db8::1", InetText.formatIpv6(frame, 6));
        assertEquals("192.168.1.200", InetText.format(InetAddress.getByName("192.168.1.200")));
        assertEquals("fe80::1", InetText.format(InetAddress.getByName("fe80:0:0:0:0:0:0:1%1")), "no scope");
        assertEquals("fd00:0:0:1::2", InetText.format(InetAddress.getByName("fd00:0:0:1:0:0:0:2")));
        assertEquals("", InetText.format(null));
        assertArrayEquals(InetAddress.getByName("fd00:1::2").getAddress(), InetText.parseIpv6Bytes("fd00:1::2"));
        assertNull(InetText.parseIpv6Bytes("fd00::1::2"));
    }

    /** The kernel's in4_pton (nf_conntrack_ftp's EPRT |1|): like inet_pton but leading zeros are decimal. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"132.235.1.2|132.235.1.2", "010.001.0.09|10.1.0.9", "0.0.0.0|0.0.0.0",
        "255.255.255.255|255.255.255.255"})
    void decimalQuad(String text, String listed) {
        assertEquals(listed, InetText.formatIpv4(InetText.parseDecimalQuad(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "0010.1.1.1", "1.2.3.", "0x1.2.3.4", "+1.2.3.4",
        " 1.2.3.4", "a.b.c.d", "1..2.3"})
    void decimalQuadRejects(String text) {
        assertEquals(-1, InetText.parseDecimalQuad(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"010.1.1.1", "1.2.3", "0x1.2.3.4", "256.1.1.1"})
    void dottedQuadIsStricter(String text) {
        assertEquals(-1, InetText.parseDottedQuad(text));
    }
}
