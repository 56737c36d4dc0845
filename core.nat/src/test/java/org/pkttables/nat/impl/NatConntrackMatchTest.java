package org.pkttables.nat.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pkttables.nat.NatAddressChoice;
import org.pkttables.nat.NatCore;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.conntrack.impl.match.ConntrackMatchType;
import org.pkttables.tables.testing.Harness;

/**
 * {@code -m conntrack --ctreplsrc/--ctrepldst/--ctreplsrcport/--ctrepldstport} on NATed connections read
 * the entry's reply tuple, as xt_conntrack does ({@code ct->tuplehash[IP_CT_DIR_REPLY]}), not the inverted
 * original one (found by the kernel differential with NAT: the kernel counted such rules, pkttables not).
 */
class NatConntrackMatchTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ConntrackEngine engine = new ConntrackEngine(1024, 5, now::get);
    private final Harness h = NatEngineTest.natHarness(engine, new NatCore()).with(new ConntrackMatchType());

    private void sh(String line) {
        org.pkttables.api.CommandFrontend.Result r = h.sh(line);
        assertEquals(0, r.exit(), line + ": " + r.err());
    }

    private String counters() {
        return h.run("iptables-save", "-c").out();
    }

    @Test
    void theReplyTupleOfATranslatedConnectionIsItsOwn() {
        sh("iptables -t nat -A PREROUTING -i wan -d 203.0.113.1 -p udp -j DNAT --to-destination 10.0.0.9:53");
        sh("iptables -t nat -A POSTROUTING -o wan -s 10.0.0.0/24 -p udp -j SNAT --to-source 203.0.113.1");
        sh("iptables -A FORWARD -m conntrack --ctreplsrc 10.0.0.9 --ctreplsrcport 53");
        sh("iptables -A FORWARD -m conntrack --ctrepldst 203.0.113.1 --ctrepldstport 5000");
        sh("iptables -A FORWARD -m conntrack --ctreplsrc 203.0.113.1");
        // outside -> 203.0.113.1:8053, DNAT to 10.0.0.9:53: reply tuple 10.0.0.9:53 -> 198.51.100.7:7000
        assertEquals(Verdict.ACCEPT, h.injectPath(Family.IPV4, NatPortAllocationTest.udp("198.51.100.7", "203.0.113.1", 7000,
                8053), "wan", "lan", Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING));
        // inside 10.0.0.2:5000 -> outside, SNAT: reply tuple 198.51.100.7:53 -> 203.0.113.1:5000
        assertEquals(Verdict.ACCEPT, h.injectPath(Family.IPV4, NatPortAllocationTest.udp("10.0.0.2", "198.51.100.7", 5000,
                53), "lan", "wan", Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING));
        String save = counters();
        assertTrue(save.contains("[1:43] -A FORWARD -m conntrack --ctreplsrc 10.0.0.9 --ctreplsrcport 53"), save);
        // the first packet of the SNAT connection reaches FORWARD before POSTROUTING binds it (as in the
        // kernel): its reply tuple is still the inverted original there; a second packet sees the binding
        assertTrue(save.contains("[0:0] -A FORWARD -m conntrack --ctrepldst 203.0.113.1 --ctrepldstport 5000"), save);
        assertEquals(Verdict.ACCEPT, h.injectPath(Family.IPV4, NatPortAllocationTest.udp("10.0.0.2", "198.51.100.7", 5000,
                53), "lan", "wan", Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING));
        save = counters();
        assertTrue(save.contains("[1:43] -A FORWARD -m conntrack --ctrepldst 203.0.113.1 --ctrepldstport 5000"), save);
        // the inverted original would have said 203.0.113.1 for the DNAT connection's reply source
        assertTrue(save.contains("[0:0] -A FORWARD -m conntrack --ctreplsrc 203.0.113.1"), save);
    }
}
