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

/** {@code replay --json --counters}: the verdicts and every rule's counters in one JSON document. */
class ReplayCountersTest {
    private static final Path DEMO = Path.of("..", "demo");

    @Test
    void theJsonCarriesEveryRuleWithItsCounters() throws IOException {
        Harness h = new Harness().with(new Ipv4Handler(), new Ipv6Handler(), new ArpHandler(), new TcpMatchType(),
                new UdpMatchType(), new IcmpMatchType(), new Icmp6MatchType(), new MarkMatchType(),
                new CommentMatchType(), new MarkTargetType(), new RejectTargetType(), new Reject6TargetType());
        h.with(new ReplayCommand(h.ruleset()));
        assertEquals(0, h.withInput(Files.readString(DEMO.resolve("rules.v4")), "iptables-restore").exit());
        Result r = h.run("replay", "--json", "--counters", DEMO.resolve("demo.pcap").toString());
        assertEquals(0, r.exit(), r.err());
        String json = r.out();
        assertTrue(json.startsWith("{\"file\":") && json.endsWith("]}\n"), json);
        assertTrue(json.contains("\"ipv4\":{\"frames\":1105,\"accepted\":860,\"dropped\":245}"), json);
        assertTrue(json.contains("{\"family\":\"ipv4\",\"table\":\"filter\",\"chain\":\"ssh-guard\",\"rule\":"
                + "\"-A ssh-guard -s 198.51.100.0/24 -j ACCEPT\",\"packets\":50,"), json);
        assertTrue(json.contains("{\"family\":\"ipv4\",\"table\":\"filter\",\"chain\":\"ssh-guard\",\"rule\":"
                + "\"-A ssh-guard -j DROP\",\"packets\":80,"), json);
        assertTrue(json.contains("\"chain\":\"FORWARD\",\"policy\":\"DROP\",\"packets\":120,"), json);
        assertTrue(json.contains("--comment \\\"public web\\\" -j ACCEPT\",\"packets\":400,"), json);
        // without --json, --counters changes nothing (the counters are in iptables -L -v / -save -c)
        Result text = h.run("replay", "--counters", DEMO.resolve("demo.pcap").toString());
        assertTrue(text.out().startsWith("replay ") && !text.out().contains("\"rules\""), text.out());
    }
}
