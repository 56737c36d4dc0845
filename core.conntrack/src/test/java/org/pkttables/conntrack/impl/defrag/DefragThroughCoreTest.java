package org.pkttables.conntrack.impl.defrag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.conntrack.impl.defrag.FragFrames.frag4;
import static org.pkttables.conntrack.impl.defrag.FragFrames.frag6;
import static org.pkttables.conntrack.impl.defrag.FragFrames.put16;
import static org.pkttables.conntrack.impl.defrag.FragFrames.udp4;
import static org.pkttables.conntrack.impl.defrag.FragFrames.udp6;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.ConfirmHook;
import org.pkttables.conntrack.impl.ConntrackCommand;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.conntrack.impl.ConntrackHook;
import org.pkttables.conntrack.impl.match.ConntrackMatchType;
import org.pkttables.ext.matches.impl.UdpMatchType;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.Harness;

/**
 * Defragmentation in the real hook pipeline, before conntrack: a stateful FORWARD ruleset (policy DROP,
 * ESTABLISHED accepted, new UDP to port 40000 accepted) lets the fragmented answer of an accepted request
 * through whole, the fragments before the last are stolen, {@code -f} never matches; without a rule
 * that uses conntrack, fragments pass one by one as in a kernel without conntrack.
 */
class DefragThroughCoreTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ConntrackEngine engine = new ConntrackEngine(1024, 5, now::get);
    private Harness h;
    private DefragHook defrag;

    @BeforeEach
    void setUp() {
        String[] families = { "ipv4", "ipv6" };
        h = new Harness().with(new Ipv4Handler(), new Ipv6Handler(), new UdpMatchType(), new ConntrackMatchType(),
                new ConntrackCommand(engine));
        defrag = new DefragHook(() -> h.ruleset(), DefragHook.HIGH_THRESH, DefragHook.TIME_SECONDS);
        h.with(defrag, DefragHook.properties());
        h.with(new ConntrackHook(engine), ConntrackHook.properties(families));
        h.with(new ConfirmHook(engine), ConfirmHook.properties(families));
    }

    private void stateful(String tool) {
        for (String cmd : new String[] { tool + " -P FORWARD DROP", tool + " -A FORWARD -f -j DROP",
            tool + " -A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT",
            tool + " -A FORWARD -p udp --dport 5353 -m conntrack --ctstate NEW -j ACCEPT" }) {
            if (tool.equals("ip6tables") && cmd.contains("-f")) {
                continue; // ip6tables has no -f
            }
            String line = cmd;
            org.pkttables.api.CommandFrontend.Result r = h.sh(line);
            assertEquals(0, r.exit(), () -> line + ": " + r.err());
        }
    }

    private int forward(Family f, byte[] frame) {
        return h.injectPath(f, frame, "eth0", "eth1", Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING);
    }

    /** The request the answer answers: UDP from dst:40000 to src:5353 of the answer, as an Ethernet frame. */
    private static byte[] request4() {
        byte[] ip = udp4(0x0a000001, 0xc0000201, 1, 4);
        put16(ip, 20, 40000);
        put16(ip, 22, 5353);
        FragFrames.checksum4(ip);
        byte[] f = new byte[14 + ip.length];
        put16(f, 12, 0x0800);
        System.arraycopy(ip, 0, f, 14, ip.length);
        return f;
    }

    @Test
    void theFragmentedAnswerOfAnAcceptedRequestPassesWhole() {
        stateful("iptables");
        assertEquals(Verdict.ACCEPT, forward(Family.IPV4, request4()));
        byte[] ip = udp4(0xc0000201, 0x0a000001, 4711, 4000);
        assertEquals(Verdict.STOLEN, forward(Family.IPV4, frag4(ip, 0, 1480, true, false)));
        assertEquals(Verdict.STOLEN, forward(Family.IPV4, frag4(ip, 1480, 1480, true, false)));
        assertEquals(Verdict.ACCEPT, forward(Family.IPV4, frag4(ip, 2960, ip.length - 20 - 2960, false, false)));
        assertEquals(14 + ip.length, h.last().length(), "the whole datagram went on");
        assertEquals(1500, h.last().fragMaxSize());
        assertTrue(!h.last().isFragment());
        String list = h.sh("conntrack -L").out();
        assertTrue(list.contains("src=192.0.2.1 dst=10.0.0.1 sport=5353 dport=40000 packets=1 bytes=4028"), list);
        String rules = h.sh("iptables -L FORWARD -v -n -x").out();
        assertTrue(rules.matches("(?s).*\\n\\s+0\\s+0\\s+DROP\\s+\\S+\\s+-f\\s.*"), "-f never matched: " + rules);
        assertEquals(1, defrag.stats[0].oks.sum());
    }

    @Test
    void ipv6AnswerWithAnExtensionHeaderPassesWhole() {
        stateful("ip6tables");
        byte[] ip = udp6(3500);
        // the request: 2001::2 port 40000 to 2001::1 port 5353, no extension headers
        byte[] req = new byte[14 + 40 + 8 + 4];
        put16(req, 12, 0x86dd);
        req[14] = 0x60;
        put16(req, 18, 12);
        req[20] = 17;
        req[21] = 64;
        System.arraycopy(ip, 24, req, 22, 16);
        System.arraycopy(ip, 8, req, 38, 16);
        put16(req, 54, 40000);
        put16(req, 56, 5353);
        put16(req, 58, 12);
        assertEquals(Verdict.ACCEPT, forward(Family.IPV6, req));
        int fragmentable = ip.length - 48;
        assertEquals(Verdict.STOLEN, forward(Family.IPV6, frag6(ip, 1448, 1448, true, 9)));
        assertEquals(Verdict.STOLEN, forward(Family.IPV6, frag6(ip, 0, 1448, true, 9)));
        assertEquals(Verdict.ACCEPT, forward(Family.IPV6, frag6(ip, 2896, fragmentable - 2896, false, 9)));
        assertTrue(!h.last().isFragment());
        assertEquals(14 + ip.length, h.last().length());
        String list = h.sh("conntrack -L -f ipv6").out();
        assertTrue(list.contains("dport=40000 packets=1 bytes=" + ip.length), list);
    }

    @Test
    void withoutConntrackRulesFragmentsPassOneByOne() {
        assertEquals(0, h.sh("iptables -A FORWARD -f -j ACCEPT").exit());
        byte[] ip = udp4(0xc0000201, 0x0a000001, 4712, 4000);
        assertEquals(Verdict.ACCEPT, forward(Family.IPV4, frag4(ip, 0, 1480, true, false)));
        assertEquals(Verdict.ACCEPT, forward(Family.IPV4, frag4(ip, 1480, 1480, true, false)));
        String rules = h.sh("iptables -L FORWARD -v -n -x").out();
        assertTrue(rules.matches("(?s).*\\n\\s+1\\s+1500\\s+ACCEPT\\s+\\S+\\s+-f\\s.*"), "-f matched the later fragment: " + rules);
        assertEquals(0, defrag.stats[0].reqds.sum());
    }
}
