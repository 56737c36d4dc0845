package org.pkttables.ext.ipset.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.tables.testing.Frames;

/** Frames through the real core: verdicts decided by set lookups, and sets changed by the SET target. */
class SetMatchThroughCoreTest {
    private final Fixture f = new Fixture();

    private int in4(byte[] frame) {
        return f.h.inject(Family.IPV4, Hook.INPUT, frame, "eth0", null);
    }

    private int in6(byte[] frame) {
        return f.h.inject(Family.IPV6, Hook.INPUT, frame, "eth0", null);
    }

    private static byte[] tcp4(String src, String dst, int dport) {
        return Frames.ipv4(src, dst).tcp(40000, dport).flags(Frames.SYN).build();
    }

    @Test
    void blocklistDropsListedSourcesOnly() {
        f.ok("ipset create blocklist hash:ip");
        f.ok("ipset add blocklist 192.0.2.7");
        f.ok("iptables -A INPUT -m set --match-set blocklist src -j DROP");
        assertEquals(Verdict.DROP, in4(tcp4("192.0.2.7", "10.0.0.1", 22)));
        assertEquals(Verdict.ACCEPT, in4(tcp4("192.0.2.8", "10.0.0.1", 22)));
        // the destination is not looked at with "src"
        assertEquals(Verdict.ACCEPT, in4(tcp4("10.0.0.1", "192.0.2.7", 22)));
        // changes apply without touching the ruleset
        long generation = f.h.ruleset().generation();
        f.ok("ipset add blocklist 192.0.2.8");
        f.ok("ipset del blocklist 192.0.2.7");
        assertEquals(Verdict.ACCEPT, in4(tcp4("192.0.2.7", "10.0.0.1", 22)));
        assertEquals(Verdict.DROP, in4(tcp4("192.0.2.8", "10.0.0.1", 22)));
        assertEquals(generation, f.h.ruleset().generation());
    }

    @Test
    void invertedMatchAndCountersOfTheRule() {
        f.ok("ipset create admins hash:net");
        f.ok("ipset add admins 10.1.0.0/16");
        f.ok("iptables -A INPUT -p tcp --dport 22 -m set ! --match-set admins src -j DROP");
        assertEquals(Verdict.ACCEPT, in4(tcp4("10.1.2.3", "10.0.0.1", 22)));
        assertEquals(Verdict.DROP, in4(tcp4("10.2.2.3", "10.0.0.1", 22)));
        assertEquals(Verdict.ACCEPT, in4(tcp4("10.2.2.3", "10.0.0.1", 80)));
    }

    @Test
    void longestPrefixAndNomatch() {
        f.ok("ipset create nets hash:net");
        f.ok("ipset add nets 10.0.0.0/8");
        f.ok("ipset add nets 10.9.0.0/16 nomatch");
        f.ok("ipset add nets 10.9.9.0/24");
        f.ok("iptables -A INPUT -m set --match-set nets src -j DROP");
        assertEquals(Verdict.DROP, in4(tcp4("10.1.1.1", "10.0.0.1", 22)));
        assertEquals(Verdict.ACCEPT, in4(tcp4("10.9.1.1", "10.0.0.1", 22)), "the nomatch /16 excludes it");
        assertEquals(Verdict.DROP, in4(tcp4("10.9.9.1", "10.0.0.1", 22)), "the /24 inside the nomatch /16");
        assertEquals(Verdict.ACCEPT, in4(tcp4("11.0.0.1", "10.0.0.1", 22)));
    }

    @Test
    void returnNomatchMatchesOnlyNomatchEntries() {
        f.ok("ipset create nets hash:net");
        f.ok("ipset add nets 10.0.0.0/8");
        f.ok("ipset add nets 10.9.0.0/16 nomatch");
        f.ok("iptables -A INPUT -m set --match-set nets src --return-nomatch -j DROP");
        assertEquals(Verdict.DROP, in4(tcp4("10.9.1.1", "10.0.0.1", 22)));
        assertEquals(Verdict.ACCEPT, in4(tcp4("10.1.1.1", "10.0.0.1", 22)));
        assertEquals(Verdict.ACCEPT, in4(tcp4("11.1.1.1", "10.0.0.1", 22)));
    }

    @Test
    void ipPortWithDirectionsAndProtocols() {
        f.ok("ipset create svc hash:ip,port");
        f.ok("ipset add svc 10.0.0.1,tcp:22");
        f.ok("ipset add svc 10.0.0.1,udp:53");
        f.ok("ipset add svc 10.0.0.1,icmp:echo-request");
        f.ok("iptables -P INPUT DROP");
        f.ok("iptables -A INPUT -m set --match-set svc dst,dst -j ACCEPT");
        assertEquals(Verdict.ACCEPT, in4(tcp4("192.0.2.1", "10.0.0.1", 22)));
        assertEquals(Verdict.DROP, in4(tcp4("192.0.2.1", "10.0.0.1", 23)));
        assertEquals(Verdict.DROP, in4(tcp4("192.0.2.1", "10.0.0.2", 22)));
        assertEquals(Verdict.ACCEPT, in4(Frames.ipv4("192.0.2.1", "10.0.0.1").udp(5000, 53).build()));
        assertEquals(Verdict.DROP, in4(Frames.ipv4("192.0.2.1", "10.0.0.1").udp(5000, 22).build()));
        assertEquals(Verdict.ACCEPT, in4(Frames.ipv4("192.0.2.1", "10.0.0.1").icmp(8, 0).build()));
        assertEquals(Verdict.DROP, in4(Frames.ipv4("192.0.2.1", "10.0.0.1").icmp(0, 0).build()));
    }

    @Test
    void fewerDirectionsThanDimensionsNeverMatch() {
        f.ok("ipset create svc hash:ip,port");
        f.ok("ipset add svc 10.0.0.1,tcp:22");
        f.ok("iptables -A INPUT -m set --match-set svc dst -j DROP");
        assertEquals(Verdict.ACCEPT, in4(tcp4("192.0.2.1", "10.0.0.1", 22)));
    }

    @Test
    void laterFragmentsHaveNoPort() {
        f.ok("ipset create svc hash:ip,port");
        f.ok("ipset add svc 10.0.0.1,udp:53");
        f.ok("iptables -A INPUT -m set --match-set svc dst,dst -j DROP");
        List<byte[]> frags = Frames.ipv4("192.0.2.1", "10.0.0.1").udp(5000, 53).payload(new byte[3000])
                .fragments(1480);
        assertEquals(Verdict.DROP, in4(frags.get(0)));
        assertEquals(Verdict.ACCEPT, in4(frags.get(1)));
    }

    @Test
    void ipv6SetsAndBitmapPort() {
        f.ok("ipset create bad6 hash:net family inet6");
        f.ok("ipset add bad6 2001:db8:bad::/48");
        f.ok("ipset create ports bitmap:port range 0-1023");
        f.ok("ipset add ports 22");
        f.ok("ip6tables -A INPUT -m set --match-set bad6 src -j DROP");
        f.ok("ip6tables -A INPUT -m set --match-set ports dst -j DROP");
        assertEquals(Verdict.DROP, in6(Frames.ipv6("2001:db8:bad::1", "2001:db8::1").tcp(1000, 80).build()));
        assertEquals(Verdict.ACCEPT, in6(Frames.ipv6("2001:db8:900d::1", "2001:db8::1").tcp(1000, 80).build()));
        assertEquals(Verdict.DROP, in6(Frames.ipv6("2001:db8:900d::1", "2001:db8::1").tcp(1000, 22).build()));
    }

    @Test
    void macAndInterfaceSets() {
        f.ok("ipset create macs hash:mac");
        f.ok("ipset add macs 02:00:00:00:00:0a");
        f.ok("ipset create ifs hash:net,iface");
        f.ok("ipset add ifs 10.0.0.0/8,eth wildcard");
        f.ok("iptables -A INPUT -m set --match-set macs src -j DROP");
        f.ok("iptables -A INPUT -m set --match-set ifs src,src -j DROP");
        byte[] fromMac = Frames.ipv4("192.0.2.1", "10.0.0.1").srcMac("02:00:00:00:00:0a").tcp(1, 2).build();
        assertEquals(Verdict.DROP, in4(fromMac));
        assertEquals(Verdict.ACCEPT, in4(tcp4("192.0.2.1", "10.0.0.1", 2)));
        assertEquals(Verdict.DROP, f.h.inject(Family.IPV4, Hook.INPUT, tcp4("10.1.1.1", "10.0.0.1", 2), "eth3", null));
        assertEquals(Verdict.ACCEPT, f.h.inject(Family.IPV4, Hook.INPUT, tcp4("10.1.1.1", "10.0.0.1", 2), "wlan0", null));
    }

    @Test
    void listSetMatchesThroughItsMembersOfTheRightFamily() {
        f.ok("ipset create a hash:ip");
        f.ok("ipset create a6 hash:ip family inet6");
        f.ok("ipset create both list:set");
        f.ok("ipset add both a6");
        f.ok("ipset add both a");
        f.ok("ipset add a 192.0.2.1");
        f.ok("ipset add a6 2001:db8::1");
        f.ok("iptables -A INPUT -m set --match-set both src -j DROP");
        f.ok("ip6tables -A INPUT -m set --match-set both src -j DROP");
        assertEquals(Verdict.DROP, in4(tcp4("192.0.2.1", "10.0.0.1", 2)));
        assertEquals(Verdict.ACCEPT, in4(tcp4("192.0.2.2", "10.0.0.1", 2)));
        assertEquals(Verdict.DROP, in6(Frames.ipv6("2001:db8::1", "2001:db8::2").tcp(1, 2).build()));
        assertTrue(f.ok("ipset list a").contains("References: 1"));
        assertTrue(f.ok("ipset list both").contains("References: 2"));
    }

    @Test
    void counterConditionsAndUpdates() {
        f.ok("ipset create seen hash:ip counters");
        f.ok("ipset add seen 192.0.2.1");
        // The first two packets of a source are counted and dropped, later ones pass: a rate-limit-like use.
        f.ok("iptables -A INPUT -m set --match-set seen src --packets-lt 2 -j DROP");
        assertEquals(Verdict.DROP, in4(tcp4("192.0.2.1", "10.0.0.1", 2)));
        assertEquals(Verdict.DROP, in4(tcp4("192.0.2.1", "10.0.0.1", 2)));
        assertEquals(Verdict.ACCEPT, in4(tcp4("192.0.2.1", "10.0.0.1", 2)));
        int len = tcp4("192.0.2.1", "10.0.0.1", 2).length - 14;
        assertEquals("add seen 192.0.2.1 packets 2 bytes " + (2 * len) + "\n",
                f.ok("ipset save seen").lines().skip(1).findFirst().get() + "\n");
        f.ok("iptables -F INPUT");
        f.ok("iptables -A INPUT -m set --match-set seen src ! --update-counters -j ACCEPT");
        in4(tcp4("192.0.2.1", "10.0.0.1", 2));
        assertTrue(f.ok("ipset save seen").contains("packets 2 "), "! --update-counters leaves them");
    }

    @Test
    void setTargetAddsAndDeletesWithTimeouts() {
        f.ok("ipset create recent hash:ip timeout 60");
        f.ok("iptables -A INPUT -p tcp --dport 22 -j SET --add-set recent src --timeout 10 --exist");
        f.ok("iptables -A INPUT -p tcp --dport 23 -j SET --del-set recent src");
        in4(tcp4("192.0.2.9", "10.0.0.1", 22));
        assertEquals(0, f.sh("ipset test recent 192.0.2.9").exit());
        f.clock.advanceSeconds(5);
        in4(tcp4("192.0.2.9", "10.0.0.1", 22)); // --exist renews the timeout to 10 s
        f.clock.advanceSeconds(8);
        assertEquals(0, f.sh("ipset test recent 192.0.2.9").exit());
        f.clock.advanceSeconds(3);
        assertEquals(1, f.sh("ipset test recent 192.0.2.9").exit(), "expired 10 s after the last packet");
        in4(tcp4("192.0.2.9", "10.0.0.1", 22));
        in4(tcp4("192.0.2.9", "10.0.0.1", 23));
        assertEquals(1, f.sh("ipset test recent 192.0.2.9").exit());
    }

    @Test
    void swapReplacesWhatRulesSeeAtOnce() {
        f.ok("ipset create live hash:ip");
        f.ok("ipset add live 192.0.2.1");
        f.ok("iptables -A INPUT -m set --match-set live src -j DROP");
        f.ok("ipset create next hash:ip");
        f.ok("ipset add next 192.0.2.2");
        f.ok("ipset swap live next");
        assertEquals(Verdict.ACCEPT, in4(tcp4("192.0.2.1", "10.0.0.1", 2)));
        assertEquals(Verdict.DROP, in4(tcp4("192.0.2.2", "10.0.0.1", 2)));
        f.ok("ipset destroy next");
        assertEquals(1, f.sh("ipset destroy live").exit());
        assertEquals("ipset v7.17: Set cannot be renamed: it is in use by another system\n",
                f.fails(1, "ipset rename live other"));
        f.ok("iptables -F INPUT");
        f.ok("ipset rename live other");
        f.ok("ipset destroy other");
    }

    /** In iptables 1.8.9's words: a parameter problem (exit 2) whose text ends in a blank line. */
    @Test
    void ruleNamingAMissingSetIsRefused() {
        String tryHelp = "\nTry `iptables -h' or 'iptables --help' for more information.\n";
        assertEquals("iptables v1.8.9 (nf_tables): Set nosuch doesn't exist.\n" + tryHelp,
                f.fails(2, "iptables -A INPUT -m set --match-set nosuch src -j DROP"));
        assertEquals("iptables v1.8.9 (nf_tables): Set nosuch doesn't exist.\n" + tryHelp,
                f.fails(2, "iptables -A INPUT -j SET --add-set nosuch src"));
        assertTrue(f.fails(2, "ip6tables -C INPUT -m set --match-set nosuch src -j DROP")
                .startsWith("ip6tables v1.8.9 (nf_tables): Set nosuch doesn't exist.\n\n"));
        f.ok("ipset create v6 hash:ip family inet6");
        assertEquals("iptables v1.8.9 (nf_tables): The protocol family of set v6 is IPv6, which is not applicable.\n"
                + tryHelp, f.fails(2, "iptables -A INPUT -m set --match-set v6 src -j DROP"));
        assertEquals("", f.ok("iptables -S INPUT").replace("-P INPUT ACCEPT\n", ""));
    }
}
