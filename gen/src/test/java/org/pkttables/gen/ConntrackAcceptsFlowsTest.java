package org.pkttables.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pkttables.api.HookFunction;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.ConfirmHook;
import org.pkttables.conntrack.ConntrackFilter;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.conntrack.impl.ConntrackHook;
import org.pkttables.conntrack.impl.match.ConntrackMatchType;
import org.pkttables.ext.matches.impl.IcmpMatchType;
import org.pkttables.ext.matches.impl.Icmp6MatchType;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.ext.matches.impl.UdpMatchType;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.Harness;

/**
 * The generated flows through the real core with connection tracking, on the path a bridge or router
 * gives them (PREROUTING, FORWARD, POSTROUTING): with policy DROP, only the first packet of each flow may
 * be NEW and everything after it must be ESTABLISHED; no packet may be INVALID (TCP window tracking
 * checks every sequence and acknowledgement number).
 */
class ConntrackAcceptsFlowsTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private ConntrackEngine engine;

    private Harness harness(String tool) {
        ConntrackEngine engine = new ConntrackEngine(65536, 7, now::get);
        String[] fam = { "ipv4", "ipv6" };
        Harness h = new Harness().with(new Ipv4Handler(), new Ipv6Handler(), new TcpMatchType(), new UdpMatchType(),
                new IcmpMatchType(), new Icmp6MatchType(), new ConntrackMatchType());
        this.engine = engine;
        h.with(new ConntrackHook(engine), Map.of(HookFunction.FAMILY, fam, HookFunction.HOOK,
                new String[] { "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING" }, HookFunction.PRIORITY, "conntrack"));
        h.with(new ConfirmHook(engine), Map.of(HookFunction.FAMILY, fam, HookFunction.HOOK,
                new String[] { "INPUT", "POSTROUTING" }, HookFunction.PRIORITY, "confirm"));
        for (String cmd : new String[] { tool + " -P FORWARD DROP",
            tool + " -A FORWARD -m conntrack --ctstate INVALID -j DROP",
            tool + " -A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT",
            tool + " -A FORWARD -m conntrack --ctstate NEW -j ACCEPT" }) {
            assertEquals(0, h.sh(cmd).exit(), cmd);
        }
        return h;
    }

    @ParameterizedTest
    @CsvSource({ "http, 10.1.0.0/16, 10.2.0.10", "https, 10.1.0.0/24, 10.2.0.0/28", "ssh-like, 10.1.0.0/16, 10.2.0.10",
        "dns, 10.1.0.0/16, 10.2.0.53", "ping, 10.1.0.0/16, 10.2.0.1", "http, 2001:db8:1::/64, 2001:db8:2::10",
        "ssh-like, 2001:db8:1::/64, 2001:db8:2::10", "dns, 2001:db8:1::/64, 2001:db8:2::53",
        "ping, 2001:db8:1::/64, 2001:db8:2::1" })
    void everyFrameAfterTheFirstOfItsFlowIsEstablished(String profile, String clients, String servers) {
        boolean v6 = clients.contains(":");
        String tool = v6 ? "ip6tables" : "iptables";
        Harness h = harness(tool);
        int flows = 300;
        Generator g = new Generator(Profile.builtin(profile),
                new GenOptions().count(flows).concurrency(40).clients(clients).servers(servers).seed(11));
        // straight from the generator's buffer into the pipeline, as a benchmark would
        ForwardPath path = new ForwardPath(h.ruleset(), "eth0", "eth1", 0);
        long frames = 0;
        while (g.next()) {
            path.accept(g.buffer(), g.length(), g.direction());
            assertEquals(Verdict.ACCEPT, path.lastVerdict(), "frame " + (frames + 1) + " of flow " + g.flow() + " dropped");
            frames++;
        }
        assertEquals(frames, path.accepted());
        assertEquals(flows, g.flowsFinished());
        String save = h.sh(tool + "-save -c").out();
        assertEquals(true, save.contains("[0:0] -A FORWARD -m conntrack --ctstate INVALID -j DROP"), save);
        assertEquals(true, save.contains("[" + flows + ":"), save);
        assertEquals(true, save.contains("[" + (frames - flows) + ":"), save);
        var entries = engine.list(ConntrackFilter.ALL);
        String expected = switch (profile) {
            case "http", "https" -> "TIME_WAIT";
            case "ssh-like" -> "CLOSE";
            default -> "";
        };
        assertEquals(flows, entries.size(), entries.toString());
        assertEquals(flows, entries.stream().filter(e -> expected.isEmpty() || expected.equals(e.state())).count(),
                entries.toString());
    }
}
