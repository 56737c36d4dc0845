package org.pkttables.l3.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Ipv4PrefixTest {
    private static String canon(String s) {
        return Ipv4Prefix.parse(s).format(false);
    }

    @Test
    void listsAsIptablesDoes() {
        // Expected strings: what iptables v1.8.9 (nf_tables) -S printed for these -s values.
        assertEquals("1.2.3.4/32", canon("1.2.3.4"));
        assertEquals("10.0.0.0/8", canon("10.1.2.3/8"));
        assertEquals("10.11.12.12/31", canon("10.11.12.13/31"));
        assertEquals("5.6.0.0/16", canon("5.6.0.0/255.255.0.0"));
        assertEquals("10.0.12.0/255.0.255.0", canon("10.11.12.13/255.0.255.0"));
        assertEquals("1.2.0.4/255.255.0.255", canon("1.2.3.4/255.255.0.255"));
        assertEquals("0.0.0.0/1", canon("1.2.3.4/128.0.0.0"));
        assertEquals("1.2.3.0/32", canon("1.2.3"));
        assertEquals("8.1.1.1/32", canon("010.1.1.1"));
        assertEquals("0.0.0.0/0", canon("0/0"));
        // Each part is read by strtoul: leading blanks, '+' and any number of leading zeros are fine.
        assertEquals("1.2.3.4/32", canon(" 1.2.3.4"));
        assertEquals("1.2.3.4/32", canon("+1.2.3.4"));
        assertEquals("1.2.3.4/32", canon("000001.2.3.4"));
        assertEquals("1.2.3.4/32", canon("0x00001.2.3.4"));
        assertTrue(Ipv4Prefix.parse("1.2.3.4/0.0.0.0").matchesAll());
    }

    @Test
    void arptablesOmitsTheHostMask() {
        assertEquals("1.2.3.4", Ipv4Prefix.parse("1.2.3.4/32").format(true));
        assertEquals("1.2.3.0/24", Ipv4Prefix.parse("1.2.3.4/24").format(true));
    }

    @Test
    void badValuesAreNamed() {
        for (String bad : new String[] {"1.2.3.4/33", "300.1.1.1", "1.2.3.4/0xff", "1.2.3.4/24/", "host.example",
            "1.2.3.4.5", "1.2.3.4/255.255.0", "", "1.2.3.4,1.2.3.5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ipv4Prefix.parse(bad), bad);
            assertTrue(e.getMessage().contains(bad.isEmpty() ? "`'" : bad.split("/")[0].split(",")[0]), e.getMessage());
        }
    }
}
