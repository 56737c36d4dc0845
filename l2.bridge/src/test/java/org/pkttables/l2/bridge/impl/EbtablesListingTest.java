package org.pkttables.l2.bridge.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend;
import org.pkttables.tables.testing.Harness;

/**
 * {@code ebtables -L} (plain, {@code --Ln}, {@code --Lc}, one chain), {@code ebtables-save [-c]} and
 * restore, against text ebtables-nft 1.8.9 printed for the same commands in a network namespace.
 */
class EbtablesListingTest {
    private Harness h;

    @BeforeEach
    void rules() {
        h = Bridge.harness();
        ok("ebtables -A INPUT -p ARP --arp-op Request -j ACCEPT");
        ok("ebtables -A FORWARD --among-src de:ad:0:be:ee:ff=10.0.0.1 ! --among-dst c0:ff:ee:0:ba:be=192.168.1.1 "
                + "--log --log-prefix foo -j mark --mark-set 1");
        ok("ebtables -N foo");
        ok("ebtables -I INPUT 1 -p IPv4 --ip-src 10.0.0.0/8 -j foo");
        ok("ebtables -A foo -s Multicast -j DROP");
        ok("ebtables --concurrent -P FORWARD DROP");
    }

    private String ok(String line) {
        CommandFrontend.Result r = h.sh(line);
        assertEquals(0, r.exit(), () -> line + ": " + r.err());
        return r.out();
    }

    @Test
    void listsLikeEbtables() {
        assertEquals("""
                Bridge table: filter

                Bridge chain: INPUT, entries: 2, policy: ACCEPT
                -p IPv4 --ip-src 10.0.0.0/8 -j foo
                -p ARP --arp-op Request -j ACCEPT

                Bridge chain: FORWARD, entries: 1, policy: DROP
                --among-src de:ad:0:be:ee:ff=10.0.0.1 --among-dst ! c0:ff:ee:0:ba:be=192.168.1.1 --log-level notice \
                --log-prefix "foo" -j mark --mark-set 0x1 --mark-target ACCEPT

                Bridge chain: OUTPUT, entries: 0, policy: ACCEPT

                Bridge chain: foo, entries: 1, policy: RETURN
                -s Multicast -j DROP
                """, ok("ebtables -L"));
        assertEquals(ok("ebtables -L"), ok("ebtables -L --Lx --Lmac2"), "1.8.9 ignores both");
    }

    @Test
    void numbersAndCounters() {
        assertEquals("""
                Bridge table: filter

                Bridge chain: INPUT, entries: 2, policy: ACCEPT
                1 -p IPv4 --ip-src 10.0.0.0/8 -j foo , pcnt = 0 -- bcnt = 0
                2 -p ARP --arp-op Request -j ACCEPT , pcnt = 0 -- bcnt = 0

                Bridge chain: FORWARD, entries: 1, policy: DROP
                1 --among-src de:ad:0:be:ee:ff=10.0.0.1 --among-dst ! c0:ff:ee:0:ba:be=192.168.1.1 --log-level notice \
                --log-prefix "foo" -j mark --mark-set 0x1 --mark-target ACCEPT , pcnt = 0 -- bcnt = 0

                Bridge chain: OUTPUT, entries: 0, policy: ACCEPT

                Bridge chain: foo, entries: 1, policy: RETURN
                1 -s Multicast -j DROP , pcnt = 0 -- bcnt = 0
                """, ok("ebtables -L --Ln --Lc"));
        assertEquals("""
                Bridge table: filter

                Bridge chain: foo, entries: 1, policy: RETURN
                -s Multicast -j DROP
                """, ok("ebtables -L foo"));
    }

    @Test
    void saveLikeEbtablesSave() {
        String save = ok("ebtables-save -c").lines().filter(l -> !l.startsWith("#"))
                .collect(Collectors.joining("\n", "", "\n"));
        assertEquals("""
                *filter
                :INPUT ACCEPT
                :FORWARD DROP
                :OUTPUT ACCEPT
                :foo ACCEPT
                [0:0] -A INPUT -p IPv4 --ip-src 10.0.0.0/8 -j foo
                [0:0] -A INPUT -p ARP --arp-op Request -j ACCEPT
                [0:0] -A FORWARD --among-src de:ad:0:be:ee:ff=10.0.0.1 --among-dst ! c0:ff:ee:0:ba:be=192.168.1.1 \
                --log-level notice --log-prefix "foo" -j mark --mark-set 0x1 --mark-target ACCEPT
                [0:0] -A foo -s Multicast -j DROP
                """, save);
    }

    @Test
    void saveListsFilterThenNat() {
        ok("ebtables -t nat -A POSTROUTING -j snat --to-src 0:1:2:3:4:5");
        String save = ok("ebtables-save");
        assertTrue(save.indexOf("*filter") < save.indexOf("*nat"), save);
        assertTrue(save.contains("*nat\n:PREROUTING ACCEPT\n:OUTPUT ACCEPT\n:POSTROUTING ACCEPT\n"
                + "-A POSTROUTING -j snat --to-src 00:01:02:03:04:05 --snat-target ACCEPT\n"), save);
    }

    @Test
    void restoreGivesBackTheSameRuleset() {
        String save = ok("ebtables-save");
        Harness other = Bridge.harness();
        CommandFrontend.Result r = other.withInput(save, "ebtables-restore");
        assertEquals(0, r.exit(), r.err());
        assertEquals(ok("ebtables -L"), other.sh("ebtables -L").out());
    }

    @Test
    void restoreIsAtomicAndNamesTheLine() {
        String before = ok("ebtables -L");
        CommandFrontend.Result r = h.withInput("*filter\n:INPUT DROP\n-A INPUT -j ACCEPT\n-A INPUT --ip-src 1.2.3.4\n",
                "ebtables-restore");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("line 4"), r.err());
        assertEquals(before, ok("ebtables -L"));
    }

    @Test
    void editsChains() {
        ok("ebtables -E foo bar");
        assertTrue(ok("ebtables -L --Ln").contains("1 -p IPv4 --ip-src 10.0.0.0/8 -j bar\n"));
        assertNotEquals(0, h.sh("ebtables -X bar").exit(), "a chain still jumped to cannot go");
        ok("ebtables -D INPUT 1");
        assertNotEquals(0, h.sh("ebtables -X bar").exit(), "nor a chain with rules (as ebtables-nft 1.8.9)");
        ok("ebtables -F bar");
        ok("ebtables -X bar");
        ok("ebtables -D INPUT -p ARP --arp-op Request -j ACCEPT");
        assertEquals(0, Bridge.harness().sh("ebtables -F").exit());
        assertTrue(ok("ebtables -L INPUT").endsWith("entries: 0, policy: ACCEPT\n"));
        assertNotEquals(0, h.sh("ebtables -A INPUT -j nosuch").exit());
        assertNotEquals(0, h.sh("ebtables -P INPUT RETURN").exit(), "RETURN is for user chains only");
        assertNotEquals(0, h.sh("ebtables -t broute -L").exit(), "no broute table (ebtables-nft 1.8.9 has none)");
        assertTrue(ok("ebtables -t nat -L").startsWith("Bridge table: nat\n\nBridge chain: PREROUTING, entries: 0"));
    }

    @Test
    void extensionsAreDescribed() {
        String list = ok("ext list");
        for (String name : new String[] { "802_3", "among", "arp", "ip", "ip6", "mark_m", "pkttype", "stp", "vlan",
            "log", "mark", "dnat", "snat", "redirect" }) {
            assertTrue(list.contains(name), name + " in ext list:\n" + list);
        }
        assertTrue(ok("ext help among").contains("--among-src"));
    }
}
