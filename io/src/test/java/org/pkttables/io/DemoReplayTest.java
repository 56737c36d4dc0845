package org.pkttables.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.ext.matches.impl.CommentMatchType;
import org.pkttables.ext.matches.impl.Icmp6MatchType;
import org.pkttables.ext.matches.impl.IcmpMatchType;
import org.pkttables.ext.matches.impl.MarkMatchType;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.ext.matches.impl.UdpMatchType;
import org.pkttables.ext.targets.impl.MarkTargetType;
import org.pkttables.ext.targets.impl.Reject6TargetType;
import org.pkttables.ext.targets.impl.RejectTargetType;
import org.pkttables.io.impl.ReplayCommand;
import org.pkttables.l3.arp.impl.ArpHandler;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.Harness;

/** The demo's capture through the demo's rulesets: every verdict and rule counter as designed. */
class DemoReplayTest {
    private static final Path DEMO = Path.of("..", "demo");

    @Test
    void demoTrafficGetsTheVerdictsTheRulesetPromises() throws IOException {
        Harness h = new Harness().with(new Ipv4Handler(), new Ipv6Handler(), new ArpHandler(), new TcpMatchType(),
                new UdpMatchType(), new IcmpMatchType(), new Icmp6MatchType(), new MarkMatchType(),
                new CommentMatchType(), new MarkTargetType(), new RejectTargetType(), new Reject6TargetType());
        h.with(new ReplayCommand(h.ruleset()));
        assertEquals(0, h.withInput(Files.readString(DEMO.resolve("rules.v4")), "iptables-restore").exit());
        assertEquals(0, h.withInput(Files.readString(DEMO.resolve("rules.v6")), "ip6tables-restore").exit());
        Result r = h.run("replay", "--json", DEMO.resolve("demo.pcap").toString());
        assertEquals(0, r.exit(), r.err());
        String json = r.out();
        // ipv4: 400 web + 200 https + 150 dns + 50 admin ssh + 60 ping accepted;
        // 80 ssh + 40 telnet + 100 udp + 20 timestamp + 5 truncated dropped.
        assertTrue(json.contains("\"ipv4\":{\"frames\":1105,\"accepted\":860,\"dropped\":245}"), json);
        assertTrue(json.contains("\"ipv6\":{\"frames\":110,\"accepted\":90,\"dropped\":20}"), json);
        assertTrue(json.contains("\"arp\":{\"frames\":30,\"accepted\":30,\"dropped\":0}"), json);
        assertTrue(json.contains("\"rejected\":60,\"malformed\":5"), json);
        String fwd = h.sh("iptables -L FORWARD -v -n -x --line-numbers").out();
        assertTrue(fwd.contains("Chain FORWARD (policy DROP 120 packets,"), fwd);
        assertTrue(fwd.lines().anyMatch(l -> l.startsWith("1         400 ")), fwd);
        assertTrue(fwd.lines().anyMatch(l -> l.startsWith("2         200 ")), fwd);
        String guard = h.sh("iptables -S ssh-guard -v").out();
        assertTrue(guard.contains("-A ssh-guard -s 198.51.100.0/24 -c 50 "), guard);
        assertTrue(guard.contains("-A ssh-guard -c 80 "), guard);
    }
}
