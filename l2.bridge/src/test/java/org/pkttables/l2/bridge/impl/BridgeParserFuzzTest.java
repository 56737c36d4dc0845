package org.pkttables.l2.bridge.impl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.tables.testing.ExtArgs;
import org.pkttables.tables.testing.FrameFuzzer;

/**
 * Issue 11, acceptance 2: the bridge family's frame parsing, base match and ebtables matches on mutated
 * frames (seed corpus in {@code src/test/resources/fuzz/bridge-frames.txt}): no exception escapes, nothing
 * is read outside the frame (see {@link FrameFuzzer#check}). Fixed seed and budget;
 * {@code -Dpkttables.fuzz.iterations=N} runs longer.
 */
class BridgeParserFuzzTest {
    private final BridgeHandler h = new BridgeHandler();
    private final List<Match> matches = new ArrayList<>();

    private void add(MatchType t, int proto, String... lines) {
        for (String line : lines) {
            matches.add(t.compile(t.canonicalize(ExtArgs.parse(t.descriptor(), Family.BRIDGE, proto, line))));
        }
    }

    @Test
    void parserAndMatchesSurviveMutatedFramesAndReadNothingOutsideThem() {
        for (String line : new String[] { "-p IPv4", "! -p ARP", "-s 02:aa:00:00:00:01", "-d ff:ff:ff:ff:ff:ff", "-p Length",
            "-s 02:aa:00:00:00:00/ff:ff:ff:00:00:00" }) {
            matches.add(h.compileBase(h.canonicalize(ExtArgs.parse(h.baseDescriptor(), Family.BRIDGE, -1, line))));
        }
        add(new EbtIpMatchType(), 0x0800, "--ip-src 10.4.0.1", "--ip-proto tcp --ip-dport 80", "--ip-proto udp ! --ip-sport 1:1024",
                "--ip-proto icmp --ip-icmp-type echo-request", "--ip-tos 0x10");
        add(new EbtIp6MatchType(), 0x86dd, "--ip6-dst fd03::/64", "--ip6-proto udp --ip6-dport 53",
                "--ip6-proto ipv6-icmp --ip6-icmp-type echo-request", "--ip6-tclass 0");
        add(new EbtArpMatchType(), 0x0806, "--arp-op Request", "--arp-ip-dst 10.0.0.2", "--arp-mac-src 02:aa:00:00:00:01",
                "--arp-gratuitous");
        add(new EbtVlanMatchType(), 0x8100, "--vlan-id 5", "--vlan-prio 1", "--vlan-encap IPv4");
        add(new EbtStpMatchType(), -1, "--stp-type config", "--stp-flags topology-change", "--stp-root-addr 02:42:00:00:00:01");
        add(new Ebt8023MatchType(), -1, "--802_3-sap 0xaa", "--802_3-type 0x0800");
        add(new EbtAmongMatchType(), -1, "--among-src 02:aa:00:00:00:01=10.0.0.1,02:bb:00:00:00:02");
        FrameFuzzer fuzz = new FrameFuzzer(11, FrameFuzzer.corpus(getClass().getResourceAsStream("/fuzz/bridge-frames.txt")));
        int n = FrameFuzzer.iterations(5000);
        int parsed = fuzz.parseAndMatch(n, p -> {
            p.setL2(p.start());
            return h.parse(p, p.start() + 14);
        }, PacketContext::etherType, matches);
        assertTrue(parsed > n / 4, parsed + " of " + n + " parsed");
    }
}
