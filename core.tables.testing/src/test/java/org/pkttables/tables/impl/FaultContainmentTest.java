package org.pkttables.tables.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.api.ExtensionFault;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.HookFunction;
import org.pkttables.api.PacketContext;
import org.pkttables.api.RuleInfo;
import org.pkttables.api.TraceEvent;
import org.pkttables.api.TraceListener;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;
import org.pkttables.tables.testing.Frames;

/**
 * An extension that throws on the packet path drops only the packets it throws on, counts them per rule
 * and per worker, logs the first with its stack trace and then at most a summary line per interval, and
 * the caller goes on with the next packet.
 */
class FaultContainmentTest {
    /** {@code -m faulty --throw-port N}: throws for UDP packets to port N, matches every other packet. */
    static final class Faulty implements MatchType {
        static final Param<Long> PORT = Param.of("--throw-port", ParamTypes.uint(0, 65535)).mandatory();

        @Override
        public ExtensionDescriptor descriptor() {
            return ExtensionDescriptor.match("faulty").families(Family.IPV4).params(PORT).build();
        }

        @Override
        public Match compile(Args a) {
            int port = (int) (long) a.get(PORT);
            return p -> {
                if (p.u16(p.l4Offset() + 2) == port) {
                    throw new IllegalStateException("faulty match: port " + port);
                }
                return true;
            };
        }
    }

    /** {@code -j BOOM}: a target that always throws. */
    static final class Boom implements TargetType {
        @Override
        public ExtensionDescriptor descriptor() {
            return ExtensionDescriptor.target("BOOM").families(Family.IPV4).build();
        }

        @Override
        public Target compile(Args a) {
            return p -> {
                throw new UnsupportedOperationException("boom");
            };
        }
    }

    private Core core;
    private RulesetImpl rs;
    private final List<String> logged = new ArrayList<>();
    private final List<Throwable> traces = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
    private final PacketContext[] ctx = new PacketContext[PacketContext.MAX_WORKERS];

    private final TestFamily.Ipv4 ipv4 = new TestFamily.Ipv4();
    private org.pkttables.cli.xtables.IptablesFrontend frontend;

    @BeforeEach
    void setUp() {
        core = new Core();
        for (Object s : new Object[] {ipv4, new TestFamily.Dport(), new TestFamily.Comment(),
                new TestFamily.Mark(), new Faulty(), new Boom()}) {
            core.register(s);
        }
        rs = (RulesetImpl) core.ruleset();
        frontend = new org.pkttables.cli.xtables.IptablesFrontend(core.ruleset(), core.registry(), core.tools());
        rs.faults.setLog((msg, first) -> {
            logged.add(msg);
            traces.add(first);
        }, clock::get);
    }

    private void ok(String line) {
        List<String> w = org.pkttables.api.ShellWords.split(line);
        Result r = frontend.run(w.get(0), w.subList(1, w.size()), null);
        assertEquals(0, r.exit(), () -> line + " -> " + r.err());
    }

    private String out(String line) {
        List<String> w = org.pkttables.api.ShellWords.split(line);
        Result r = frontend.run(w.get(0), w.subList(1, w.size()), null);
        assertEquals(0, r.exit(), () -> line + " -> " + r.err());
        return r.out();
    }

    /** A UDP packet to {@code dport} through one hook on worker {@code w}, as a worker thread sends it. */
    private int send(int w, Hook hook, int dport) {
        PacketContext p = ctx[w] == null ? (ctx[w] = new PacketContext(w)) : ctx[w];
        byte[] b = TestFamily.udp(dport);
        p.reset(b, 0, b.length);
        p.setHook(hook);
        p.setInIface("eth0");
        rs.parse(Family.IPV4, p, 0);
        return rs.process(p);
    }

    private List<RuleInfo> rules(String chain) throws Exception {
        return rs.table(Family.IPV4, "filter").chains().stream().filter(c -> c.name().equals(chain)).findFirst()
                .orElseThrow().rules();
    }

    @Test
    void onlyPacketsReachingTheThrowingMatchAreDroppedAndCounted() throws Exception {
        ok("iptables -P INPUT DROP");
        ok("iptables -A INPUT -p udp --dport 53 -j ACCEPT");
        ok("iptables -A INPUT -m faulty --throw-port 666 -j ACCEPT");
        for (int i = 0; i < 5; i++) {
            assertEquals(Verdict.ACCEPT, send(0, Hook.INPUT, 53), "answered before the faulty rule");
            assertEquals(Verdict.ACCEPT, send(0, Hook.INPUT, 80), "the faulty match matches other ports");
            assertEquals(Verdict.DROP, send(0, Hook.INPUT, 666), "threw: dropped");
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(Verdict.DROP, send(7, Hook.INPUT, 666));
            assertEquals(Verdict.ACCEPT, send(7, Hook.INPUT, 80));
        }
        assertEquals(8, rs.faultDrops());
        assertEquals(5, rs.faultDrops(0));
        assertEquals(3, rs.faultDrops(7));
        assertEquals(0, rs.faultDrops(1));
        assertEquals(0, rs.failClosedDrops(), "a fault is not a fail-closed drop");
        List<RuleInfo> input = rules("INPUT");
        assertEquals(5, input.get(0).packets());
        assertEquals(8, input.get(1).packets(), "the rule counts the packets it matched, not those it threw on");
        List<ExtensionFault> faults = rs.faults();
        assertEquals(1, faults.size(), faults.toString());
        ExtensionFault f = faults.get(0);
        assertEquals(Family.IPV4, f.family());
        assertEquals("filter", f.table());
        assertEquals("INPUT", f.chain());
        assertEquals(2, f.rule());
        assertEquals("match faulty", f.extension());
        assertEquals(8, f.packets());
        assertTrue(f.error().contains("IllegalStateException: faulty match: port 666"), f.error());
        assertEquals("ipv4 filter INPUT rule 2: match faulty threw java.lang.IllegalStateException: faulty match: "
                + "port 666; 8 packets dropped", f.toString());
        ExtensionFault last = rs.lastFault(7);
        assertNotNull(last);
        assertEquals(2, last.rule());
        assertEquals(1, last.packets());
        assertNull(rs.lastFault(1));
    }

    @Test
    void aRuleInsertedBeforeKeepsTheFaultWithTheRuleAndZeroingKeepsIt() throws Exception {
        ok("iptables -A INPUT -m faulty --throw-port 666 -j ACCEPT");
        assertEquals(Verdict.DROP, send(0, Hook.INPUT, 666));
        ok("iptables -I INPUT 1 -p udp --dport 1 -j ACCEPT");
        ok("iptables -Z");
        List<ExtensionFault> faults = rs.faults();
        assertEquals(1, faults.size());
        assertEquals(2, faults.get(0).rule(), "listed where the rule is now");
        assertEquals(1, faults.get(0).packets());
        ok("iptables -D INPUT 2");
        assertTrue(rs.faults().isEmpty(), "a deleted rule's faults are no longer listed");
        ok("iptables -A INPUT -p udp --dport 2 -j ACCEPT");
        assertTrue(rs.faults().isEmpty(), "a new rule reusing the counter starts without faults");
        assertEquals(1, rs.faultDrops(), "the total stays");
    }

    @Test
    void aFaultInAJumpedToChainDropsThePacketEvenIfTheCallerWouldAccept() throws Exception {
        ok("iptables -N sub");
        ok("iptables -A sub -m faulty --throw-port 666 -j RETURN");
        ok("iptables -A INPUT -j sub");
        ok("iptables -A INPUT -j ACCEPT");
        assertEquals(Verdict.ACCEPT, send(0, Hook.INPUT, 80));
        assertEquals(Verdict.DROP, send(0, Hook.INPUT, 666));
        assertEquals("sub", rs.faults().get(0).chain());
        assertEquals(1, rs.faults().get(0).rule());
        assertEquals(1, rules("INPUT").get(1).packets(), "only the packet that came back was accepted");
    }

    @Test
    void theClassifiedWalkContainsFaultsAsTheLinearOne() throws Exception {
        for (int i = 0; i < 20; i++) {
            ok("iptables -A INPUT -p udp --dport " + (1000 + i) + " -j ACCEPT");
        }
        ok("iptables -A INPUT -p udp -m faulty --throw-port 666 -j DROP");
        ok("iptables -A INPUT -p udp --dport 667 -j ACCEPT");
        for (boolean linear : new boolean[] {false, true}) {
            rs.setLinear(linear);
            assertEquals(Verdict.ACCEPT, send(0, Hook.INPUT, 1005));
            assertEquals(Verdict.DROP, send(0, Hook.INPUT, 666));
            assertEquals(Verdict.DROP, send(0, Hook.INPUT, 667), "the faulty match matches it: DROP by the rule");
        }
        assertEquals(2, rs.faultDrops());
        assertEquals(21, rs.faults().get(0).rule());
        assertEquals(2, rules("INPUT").get(20).packets(), "the two 667 packets the faulty rule matched");
    }

    @Test
    void aThrowingTargetIsNamed() {
        ok("iptables -A OUTPUT -p udp --dport 9 -j BOOM");
        assertEquals(Verdict.DROP, send(0, Hook.OUTPUT, 9));
        assertEquals(Verdict.ACCEPT, send(0, Hook.OUTPUT, 10));
        assertEquals("target BOOM", rs.faults().get(0).extension());
    }

    @Test
    void aMatchAfterTheBaseOptionsIsNamedRight() {
        ok("iptables -A INPUT -p udp -m faulty --throw-port 5 -j ACCEPT");
        assertEquals(Verdict.DROP, send(0, Hook.INPUT, 5));
        assertEquals("match faulty", rs.faults().get(0).extension(), "index 0 is the base match (-p udp)");
    }

    @Test
    void aThrowingHookFunctionDropsOnlyItsPacketsAndIsListed() {
        HookFunction fn = new HookFunction() {
            @Override
            public int process(PacketContext p) {
                if (p.u16(p.l4Offset() + 2) == 7) {
                    throw new IllegalArgumentException("helper failed");
                }
                return Verdict.ACCEPT;
            }

            @Override
            public String toString() {
                return "test-helper";
            }
        };
        core.register(fn, Map.of(HookFunction.FAMILY, "ipv4", HookFunction.HOOK, "PREROUTING"));
        assertEquals(Verdict.DROP, send(2, Hook.PREROUTING, 7));
        assertEquals(Verdict.ACCEPT, send(2, Hook.PREROUTING, 8));
        assertEquals(1, rs.faultDrops(2));
        ExtensionFault f = rs.faults().get(0);
        assertEquals("hook function test-helper", f.extension());
        assertEquals("PREROUTING", f.chain());
        assertEquals(1, f.packets());
    }

    @Test
    void aThrowingParserMakesThePacketMalformedNotTheWorkerDead() {
        core.unregister(ipv4);
        org.pkttables.api.ext.L3Handler broken = new org.pkttables.api.ext.L3Handler() {
            @Override
            public Family family() {
                return Family.IPV4;
            }

            @Override
            public boolean parse(PacketContext p, int l3) {
                throw new ArrayIndexOutOfBoundsException("parser bug");
            }

            @Override
            public ExtensionDescriptor baseDescriptor() {
                return ipv4.baseDescriptor();
            }

            @Override
            public Match compileBase(Args a) {
                return ipv4.compileBase(a);
            }

            @Override
            public int protocolNumber(String name) {
                return ipv4.protocolNumber(name);
            }
        };
        core.register(broken);
        PacketContext p = new PacketContext(3);
        byte[] b = TestFamily.udp(1);
        p.reset(b, 0, b.length);
        assertEquals(false, rs.parse(Family.IPV4, p, 0));
        assertTrue(p.isMalformed());
        assertEquals(1, rs.faultDrops(3));
        assertTrue(rs.faults().get(0).extension().startsWith("L3 handler "));
    }

    @Test
    void jvmErrorsAreNotBlamedOnTheRuleButStackOverflowsAre() {
        ok("iptables -A INPUT -p udp --dport 1 -j BOOM");
        core.register(new TargetType() {
            @Override
            public ExtensionDescriptor descriptor() {
                return ExtensionDescriptor.target("OOM").families(Family.IPV4).build();
            }

            @Override
            public Target compile(Args a) {
                return p -> {
                    throw p.u16(p.l4Offset() + 2) == 2 ? new OutOfMemoryError("test") : new StackOverflowError();
                };
            }
        });
        ok("iptables -A INPUT -p udp --dport 2 -j OOM");
        ok("iptables -A INPUT -p udp --dport 3 -j OOM");
        assertThrows(OutOfMemoryError.class, () -> send(0, Hook.INPUT, 2));
        assertEquals(0, rs.faultDrops(), "the JVM's trouble is the worker's to report, not a rule's fault");
        assertEquals(Verdict.DROP, send(0, Hook.INPUT, 3));
        assertEquals(1, rs.faultDrops());
    }

    @Test
    void theLogHasTheFirstFaultWithItsTraceThenOneSummaryPerInterval() {
        ok("iptables -A INPUT -m faulty --throw-port 666 -j ACCEPT");
        ok("iptables -A FORWARD -m faulty --throw-port 666 -j ACCEPT");
        for (int i = 0; i < 1000; i++) {
            assertEquals(Verdict.DROP, send(0, Hook.INPUT, 666));
        }
        assertEquals(1, logged.size(), logged.toString());
        assertTrue(logged.get(0).startsWith("match faulty threw on a packet (ipv4 filter INPUT rule 1)"), logged.get(0));
        assertTrue(traces.get(0) instanceof IllegalStateException, "the first one with what was thrown");
        send(0, Hook.FORWARD, 666);
        assertEquals(2, logged.size(), "another rule logs its own first fault");
        clock.addAndGet(Faults.LOG_INTERVAL_NS - 1);
        send(0, Hook.INPUT, 666);
        assertEquals(2, logged.size(), "not before the interval");
        clock.addAndGet(1);
        send(0, Hook.INPUT, 666);
        assertEquals(3, logged.size());
        assertTrue(logged.get(2).contains(": 1001 more packets dropped because it threw in the last 10 s; last: "
                + "java.lang.IllegalStateException"), logged.get(2));
        assertNull(traces.get(2), "summaries carry no stack trace");
        for (int i = 0; i < 100; i++) {
            send(0, Hook.INPUT, 666);
        }
        assertEquals(3, logged.size(), "at most one summary per interval");
        assertEquals(1103, rs.faultDrops());
    }

    @Test
    void explainSaysWhichExtensionThrewInsteadOfFailing() {
        ok("iptables -A FORWARD -p udp --dport 53 -j ACCEPT");
        ok("iptables -A FORWARD -m faulty --throw-port 666 -j ACCEPT");
        String ok = out("explain -p udp --dport 53");
        assertTrue(ok.contains("verdict: ACCEPT"), ok);
        String bad = out("explain -p udp --dport 666");
        assertTrue(bad.contains("filter FORWARD #2 -m faulty --throw-port 666 -j ACCEPT  => DROP (rule 2: match faulty "
                + "threw java.lang.IllegalStateException: faulty match: port 666; packet dropped)"), bad);
        assertTrue(bad.contains("verdict: DROP in FORWARD"), bad);
        assertEquals(0, rs.faultDrops(), "explain counts nothing");
    }

    @Test
    void aTracedPacketReportsTheFault() {
        core.register(new TraceTargetType());
        List<TraceEvent> events = new ArrayList<>();
        TraceListener l = events::add;
        core.register(l);
        ok("iptables -t raw -A PREROUTING -j TRACE");
        ok("iptables -A INPUT -m faulty --throw-port 666 -j ACCEPT");
        PacketContext p = new PacketContext(0);
        byte[] b = Frames.ipv4("10.0.0.1", "10.0.0.2").udp(1, 666).build();
        p.reset(b, 0, b.length);
        p.setL2(0);
        rs.parse(Family.IPV4, p, 14);
        p.setHook(Hook.PREROUTING);
        assertEquals(Verdict.ACCEPT, rs.process(p));
        p.setHook(Hook.INPUT);
        assertEquals(Verdict.DROP, rs.process(p));
        TraceEvent last = events.get(events.size() - 1);
        assertEquals("INPUT", last.chain());
        assertEquals(1, last.rule());
        assertTrue(last.text().startsWith("match faulty threw java.lang.IllegalStateException"), last.text());
        assertSame(Hook.INPUT, last.hook());
    }
}
