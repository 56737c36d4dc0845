package org.pkttables.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.ConfirmHook;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.conntrack.impl.ConntrackHook;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.nat.NatServices;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/**
 * New NATed connections per second on one core (issue 13 acceptance 5): every operation is the first packet
 * of a new UDP flow through a router's hooks (PREROUTING, FORWARD, POSTROUTING): the conntrack entry is
 * created, the nat table runs ({@code snat}: {@code -j SNAT --to-source 203.0.113.1}; {@code masquerade}:
 * {@code -j MASQUERADE}, the port's address from an address source), the binding is made unique and stored
 * as the reply tuple, the packet is rewritten and the entry confirmed into the table. {@code plain}: the same
 * without a nat rule (a null binding), for comparison. The flows are {@link #FLOWS} distinct clients, each
 * with a source port of its own (so the binding keeps it, as for clients behind one address); after each
 * round of them the table is flushed (the amortized cost of a connection's removal is part of the figure).
 * ops/s = new connections/s (JMH runs one thread). Run:
 * bench/run.sh NatNewConnectionBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NatNewConnectionBenchmark {
    /** Distinct flows per round (each its own source port 1024 + k), well inside the table. */
    static final int FLOWS = 32768;
    private static final Hook[] PATH = { Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING };

    @Param({ "plain", "snat", "masquerade" })
    public String mode;

    Harness h;
    ConntrackEngine engine;
    byte[] template;
    byte[] frame;
    int k;

    @Setup
    public void setUp() {
        engine = new ConntrackEngine(FLOWS * 2, 5, System::currentTimeMillis);
        h = new Harness().with(new Ipv4Handler());
        h.with(new ConntrackHook(engine), ConntrackHook.properties("ipv4"));
        h.with(new ConfirmHook(engine), ConfirmHook.properties("ipv4"));
        NatServices nat = new NatServices(h.ruleset());
        nat.setAddresses((iface, p) -> "wan".equals(iface) ? 0xcb007101L : -1); // 203.0.113.1 on wan
        h.with(nat.targets().toArray());
        nat.hooks().forEach(h::with);
        engine.setNatPresent(true);
        String rule = mode.equals("snat") ? "iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 203.0.113.1"
                : mode.equals("masquerade") ? "iptables -t nat -A POSTROUTING -o wan -j MASQUERADE" : null;
        if (rule != null && h.sh(rule).exit() != 0) {
            throw new IllegalStateException("refused: " + rule);
        }
        template = Frames.ipv4("10.0.0.0", "198.51.100.7").udp(1024, 53).payload("query").build();
        frame = template.clone();
        if (newConnection() != Verdict.ACCEPT || (!mode.equals("plain") && (frame[14 + 12] & 0xff) != 203)) {
            throw new IllegalStateException("the first packet is not "
                    + (mode.equals("plain") ? "passed" : "translated"));
        }
        engine.flush();
        k = 0;
    }

    /** The first packet of flow {@code k}: source 10.0.x.y (k), source port 1024 + k, IP and UDP checksums fixed up. */
    @Benchmark
    public int newConnection() {
        if (k == FLOWS) {
            engine.flush();
            k = 0;
        }
        byte[] f = frame;
        System.arraycopy(template, 0, f, 0, template.length);
        int n = k++;
        // source address 10.0.0.0 + n and source port 1024 + n; the checksums absorb both words' change
        f[14 + 14] = (byte) (n >>> 8);
        f[14 + 15] = (byte) n;
        int sport = 1024 + n;
        f[34] = (byte) (sport >>> 8);
        f[35] = (byte) sport;
        adjust(f, 14 + 10, n);
        adjust(f, 34 + 6, n + n); // the pseudo-header's source address and the port each grew by n
        return h.injectPath(Family.IPV4, f, "lan", "wan", PATH);
    }

    /** Adds {@code delta} to the 16-bit sum a one's complement checksum at {@code off} covers (RFC 1624). */
    private static void adjust(byte[] f, int off, int delta) {
        int c = ((f[off] & 0xff) << 8) | (f[off + 1] & 0xff);
        if (c == 0) {
            return; // UDP without a checksum
        }
        int sum = (~c & 0xffff) + (delta & 0xffff) + (delta >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        f[off] = (byte) (~sum >>> 8);
        f[off + 1] = (byte) ~sum;
    }
}
