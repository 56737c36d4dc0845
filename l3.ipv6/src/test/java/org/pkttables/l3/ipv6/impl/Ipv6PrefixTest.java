package org.pkttables.l3.ipv6.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Ipv6PrefixTest {
    private static String canon(String s) {
        return Ipv6Prefix.parse(s).toString();
    }

    @Test
    void listsAsIp6tablesDoes() {
        // Expected strings: what ip6tables v1.8.9 (nf_tables) -S printed for these -s values.
        assertEquals("2001:db8::1/128", canon("2001:db8::1"));
        assertEquals("2001:db8::1/128", canon("2001:0db8:0000:0000:0000:0000:0000:0001/128"));
        assertEquals("2001:db8::/32", canon("2001:DB8:0:0::/32"));
        assertEquals("2001:db8::/64", canon("2001:db8::1/64"));
        assertEquals("2001:db8:0:1::1:1/128", canon("2001:db8:0:1:0:0:1:1"));
        assertEquals("1:0:0:1::1/128", canon("1:0:0:1:0:0:0:1"));
        assertEquals("1::1:1:0:0:1/128", canon("1:0:0:1:1:0:0:1"));
        assertEquals("2001:db8:0:0:1::/80", canon("2001:db8:0:0:1::/80"));
        assertEquals("::ffff:1.2.3.4/128", canon("::ffff:1.2.3.4"));
        assertEquals("::1.2.3.4/128", canon("::1.2.3.4"));
        assertEquals("::ffff:0:102:304/128", canon("::ffff:0:1.2.3.4"));
        assertEquals("::2/128", canon("::2"));
        assertEquals("::/128", canon("::"));
        assertEquals("fe80::/32", canon("fe80::1/ffff:ffff::"));
        assertEquals("fe80::/ffff:0:ffff::", canon("fe80::1/ffff:0:ffff::"));
        assertEquals("2001:db8::/64", canon("2001:db8::1/ffff:ffff:ffff:ffff::"));
        assertTrue(Ipv6Prefix.parse("::1/0").matchesAll());
    }

    @Test
    void badValuesAreNamed() {
        for (String bad : new String[] {"1.2.3.4", "2001:db8::1/129", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::",
            "g::1", ":1", "1.2.3.4::", "::1.2.3.04", "host.example", "::1/x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ipv6Prefix.parse(bad), bad);
            assertTrue(e.getMessage().contains(bad.split("/")[bad.contains("/x") || bad.contains("/129") ? 1 : 0]),
                    e.getMessage());
        }
    }
}
