package org.pkttables.nat.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend;
import org.pkttables.tables.testing.Harness;

/** Where the NAT targets may be used and what iptables 1.8.9 says about bad values; IPv6 addresses refused. */
class NatTargetsTest {
    private final Harness h = NatCasesConformanceTest.harness();

    private String refused(String cmd) {
        CommandFrontend.Result r = h.sh(cmd);
        assertNotEquals(0, r.exit(), cmd + " was accepted");
        return r.err();
    }

    @Test
    void onlyInTheNatTableAndTheKernelsChains() {
        refused("iptables -t filter -A INPUT -j SNAT --to-source 1.1.1.1");
        refused("iptables -t nat -A PREROUTING -j SNAT --to-source 1.1.1.1");
        refused("iptables -t nat -A OUTPUT -j SNAT --to-source 1.1.1.1");
        refused("iptables -t nat -A POSTROUTING -j DNAT --to-destination 1.1.1.1");
        refused("iptables -t nat -A INPUT -j DNAT --to-destination 1.1.1.1");
        refused("iptables -t nat -A PREROUTING -j MASQUERADE");
        refused("iptables -t nat -A OUTPUT -j MASQUERADE");
        refused("iptables -t nat -A POSTROUTING -j REDIRECT");
        assertEquals(0, h.sh("iptables -t nat -A INPUT -j SNAT --to-source 1.1.1.1").exit());
        assertEquals(0, h.sh("iptables -t nat -A OUTPUT -j DNAT --to-destination 1.1.1.1").exit());
    }

    @Test
    void messagesOfIptables189() {
        assertTrue(refused("iptables -t nat -A POSTROUTING -j SNAT --to-source 1.1.1.1:80")
                .contains("Need TCP, UDP, SCTP or DCCP with port specification"));
        assertTrue(refused("iptables -t nat -A POSTROUTING -p udp -j SNAT --to-source 1.1.1.1:80-70")
                .contains("Port range `70' funky"));
        assertTrue(refused("iptables -t nat -A POSTROUTING -j SNAT --to-source 1.1.1.300")
                .contains("Bad IP address \"1.1.1.300\""));
        assertTrue(refused("iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.1.1.1:80/100")
                .contains("Garbage after port value: `/100'"));
        assertTrue(refused("iptables -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports ftp-ssh")
                .contains("Port `ftp-ssh' not valid"));
        assertTrue(refused("iptables -t nat -A PREROUTING -p udp -j DNAT --to-destination 1.1.1.1 --random-fully")
                .contains("--random-fully"));
    }

    @Test
    void listedAsIptables189ListsThem() {
        for (String r : new String[] { "-A PREROUTING -p tcp -j DNAT --to-destination 1.1.1.1:0-100",
            "-A PREROUTING -p udp -j DNAT --to-destination 1.1.1.1 --random --persistent",
            "-A POSTROUTING -p icmp -j MASQUERADE --to-ports 5",
            "-A POSTROUTING -p udp -j SNAT --to-source :5" }) {
            assertEquals(0, h.sh("iptables -t nat " + r).exit(), r);
        }
        assertEquals(0, h.sh("iptables -t nat -A PREROUTING -j NETMAP --to 1.2.3.4/255.255.0.0").exit());
        assertEquals(0, h.sh("iptables -t nat -A POSTROUTING -p udp -j SNAT --to-source 1.1.1.1 --random-fully --random")
                .exit());
        String s = h.sh("iptables -t nat -S").out();
        assertTrue(s.contains("-A PREROUTING -j NETMAP --to 1.2.0.0/16\n"), s);
        assertTrue(s.contains("-A POSTROUTING -p udp -j SNAT --to-source 1.1.1.1 --random --random-fully\n"), s);
        assertTrue(s.contains("-A POSTROUTING -p udp -j SNAT --to-source :5\n"), s);
    }

    @Test
    void eachFamilyRefusesTheOthersAddressesWithTheToolsMessages() {
        // iptables 1.8.9 in a namespace prints these (ip6tables': core.nat66's Nat66TargetsTest).
        assertTrue(refused("iptables -t nat -A POSTROUTING -j SNAT --to-source dead::beef")
                .contains("Bad IP address \"dead::beef\""));
        assertTrue(refused("iptables -t nat -A PREROUTING -j NETMAP --to dead::/64")
                .contains("getaddrinfo: Address family for hostname not supported"));
    }
}
