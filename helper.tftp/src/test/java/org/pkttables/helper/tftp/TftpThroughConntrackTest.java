package org.pkttables.helper.tftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.HookFunction;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.ConfirmHook;
import org.pkttables.conntrack.impl.ConntrackCommand;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.conntrack.impl.ConntrackHook;
import org.pkttables.conntrack.impl.match.ConntrackMatchType;
import org.pkttables.conntrack.impl.match.HelperMatchType;
import org.pkttables.conntrack.impl.target.CtTargetType;
import org.pkttables.ext.matches.impl.UdpMatchType;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/**
 * TFTP transfers through the real core, conntrack and this helper, forwarded by a firewall that lets only
 * new datagrams to port 69 in, plus RELATED and ESTABLISHED: the server's answer from its new port is
 * RELATED after a read or write request, and the transfer then runs ESTABLISHED. Without the helper, to
 * another client port, or from another host, it is dropped.
 */
class TftpThroughConntrackTest {
    private static final String C4 = "10.0.1.2";
    private static final String S4 = "10.0.2.2";
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ConntrackEngine engine = new ConntrackEngine(1024, 5, now::get);

    private Harness firewall(boolean helperRule) {
        String[] fam = { "ipv4", "ipv6" };
        Harness h = new Harness().with(new Ipv4Handler(), new Ipv6Handler(), new UdpMatchType(),
                new ConntrackMatchType(), new HelperMatchType(), new CtTargetType(), new ConntrackCommand(engine));
        h.with(new ConntrackHook(engine), Map.of(HookFunction.FAMILY, fam, HookFunction.HOOK,
                new String[] { "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING" }, HookFunction.PRIORITY,
                "conntrack"));
        h.with(new ConfirmHook(engine), Map.of(HookFunction.FAMILY, fam, HookFunction.HOOK,
                new String[] { "INPUT", "POSTROUTING" }, HookFunction.PRIORITY, "confirm"));
        engine.helperRegistry.add(new TftpHelper());
        for (String tool : new String[] { "iptables", "ip6tables" }) {
            ok(h, tool + " -P FORWARD DROP");
            ok(h, tool + " -A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT");
            ok(h, tool + " -A FORWARD -p udp --dport 69 -m conntrack --ctstate NEW -j ACCEPT");
            if (helperRule) {
                ok(h, tool + " -t raw -A PREROUTING -p udp --dport 69 -j CT --helper tftp");
            }
        }
        return h;
    }

    private static void ok(Harness h, String cmd) {
        CommandFrontend.Result r = h.sh(cmd);
        assertEquals(0, r.exit(), cmd + ": " + r.err());
    }

    /** PREROUTING, FORWARD, POSTROUTING, as a routed packet. */
    private static int forward(Harness h, String src, String dst, int sport, int dport, byte[] payload,
            boolean fromClient) {
        boolean v6 = src.contains(":");
        byte[] f = (v6 ? Frames.ipv6(src, dst) : Frames.ipv4(src, dst)).udp(sport, dport).payload(payload).build();
        return h.injectPath(v6 ? Family.IPV6 : Family.IPV4, f, fromClient ? "eth0" : "eth1",
                fromClient ? "eth1" : "eth0", Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING);
    }

    private static byte[] packet(int opcode, String rest) {
        byte[] r = rest.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] b = new byte[2 + r.length];
        b[1] = (byte) opcode;
        System.arraycopy(r, 0, b, 2, r.length);
        return b;
    }

    private static byte[] request(int opcode, String file) {
        return packet(opcode, file + "\0octet\0");
    }

    private static byte[] block(int opcode, int n, String data) {
        return packet(opcode, "" + (char) (n >>> 8) + (char) (n & 0xff) + data);
    }

    @Test
    void getRunsRelatedThenEstablished() {
        Harness h = firewall(true);
        assertEquals(Verdict.ACCEPT, forward(h, C4, S4, 40000, 69, request(1, "boot.img"), true));
        String expect = h.sh("conntrack -L expect").out();
        assertTrue(expect.contains("proto=17 src=10.0.2.2 dst=10.0.1.2 sport=0 dport=40000"), expect);
        assertTrue(expect.contains("helper=tftp"), expect);
        // the server answers from a port of its own
        assertEquals(Verdict.ACCEPT, forward(h, S4, C4, 50123, 40000, block(3, 1, "first block"), false));
        assertEquals(Verdict.ACCEPT, forward(h, C4, S4, 40000, 50123, block(4, 1, ""), true));
        assertEquals(Verdict.ACCEPT, forward(h, S4, C4, 50123, 40000, block(3, 2, "last"), false));
        assertEquals(Verdict.ACCEPT, forward(h, C4, S4, 40000, 50123, block(4, 2, ""), true));
        String list = h.sh("conntrack -L -p udp").out();
        assertTrue(list.contains("src=10.0.2.2 dst=10.0.1.2 sport=50123 dport=40000 packets=2"), list);
        // one-shot: the expectation was used up
        assertEquals(Verdict.DROP, forward(h, S4, C4, 50999, 40000, block(3, 1, "x"), false));
    }

    @Test
    void putRunsRelatedThenEstablished() {
        Harness h = firewall(true);
        assertEquals(Verdict.ACCEPT, forward(h, C4, S4, 40001, 69, request(2, "upload.txt"), true));
        assertEquals(Verdict.ACCEPT, forward(h, S4, C4, 50200, 40001, block(4, 0, ""), false));
        assertEquals(Verdict.ACCEPT, forward(h, C4, S4, 40001, 50200, block(3, 1, "data"), true));
        assertEquals(Verdict.ACCEPT, forward(h, S4, C4, 50200, 40001, block(4, 1, ""), false));
    }

    @Test
    void ipv6Get() {
        Harness h = firewall(true);
        assertEquals(Verdict.ACCEPT, forward(h, "fd00:1::2", "fd00:2::2", 40000, 69, request(1, "f"), true));
        assertEquals(Verdict.ACCEPT, forward(h, "fd00:2::2", "fd00:1::2", 50000, 40000, block(3, 1, "x"), false));
        assertEquals(Verdict.ACCEPT, forward(h, "fd00:1::2", "fd00:2::2", 40000, 50000, block(4, 1, ""), true));
    }

    @Test
    void withoutTheHelperTheServersAnswerIsDropped() {
        Harness h = firewall(false);
        assertEquals(Verdict.ACCEPT, forward(h, C4, S4, 40000, 69, request(1, "boot.img"), true));
        assertEquals(Verdict.DROP, forward(h, S4, C4, 50123, 40000, block(3, 1, "first block"), false));
        assertEquals(0, engine.expectations().size());
    }

    @Test
    void onlyTheServerToTheClientsPortIsExpected() {
        Harness h = firewall(true);
        assertEquals(Verdict.ACCEPT, forward(h, C4, S4, 40000, 69, request(1, "boot.img"), true));
        assertEquals(Verdict.DROP, forward(h, S4, C4, 50123, 40001, block(3, 1, "x"), false), "another client port");
        assertEquals(Verdict.DROP, forward(h, "10.0.2.9", C4, 50123, 40000, block(3, 1, "x"), false), "another host");
        assertEquals(1, engine.expectations().size(), "still waiting for the server");
    }

    @Test
    void dataToPort69AnnouncesNothing() {
        Harness h = firewall(true);
        assertEquals(Verdict.ACCEPT, forward(h, C4, S4, 40000, 69, block(3, 1, "not a request"), true));
        assertEquals(0, engine.expectations().size());
        assertEquals(Verdict.DROP, forward(h, S4, C4, 50123, 40000, block(4, 1, ""), false));
    }

    @Test
    void helperLeavingDropsItsExpectations() {
        Harness h = firewall(true);
        assertEquals(Verdict.ACCEPT, forward(h, C4, S4, 40000, 69, request(1, "boot.img"), true));
        assertEquals(1, engine.expectations().size());
        engine.helperRegistry.remove(engine.helperRegistry.get("tftp"));
        assertEquals(0, engine.expectations().size());
        assertEquals(Verdict.DROP, forward(h, S4, C4, 50123, 40000, block(3, 1, "x"), false));
    }
}
