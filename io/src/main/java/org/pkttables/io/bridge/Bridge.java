package org.pkttables.io.bridge;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.pcap4j.core.PcapNativeException;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Ruleset;
import org.pkttables.io.ports.Port;
import org.pkttables.io.workers.Capture;
import org.pkttables.io.workers.Steering;
import org.pkttables.io.workers.Watchdog;
import org.pkttables.io.workers.Worker;
import org.pkttables.io.ports.Counters;
import org.pkttables.io.workers.Health;
import org.pkttables.io.workers.Shutdown;
import org.pkttables.io.workers.TxTotals;

/**
 * A running bump-in-the-wire bridge: its ports (attached with GRO/LRO off), one capture thread per
 * port, N workers, the forwarding database. {@link #start} attaches everything or nothing;
 * {@link #stop} detaches and restores the offloads it changed.
 */
public final class Bridge {
    private static final int RING = 1024;
    private static final int PCAP_BUFFER = 16 << 20;

    public final BridgeSettings settings;
    public final Port[] ports;
    public final Worker[] workers;
    public final Fdb fdb;
    private final Ruleset ruleset;
    private final BridgeFamilyStage.Calls calls = new BridgeFamilyStage.Calls();
    private Capture[] captures = new Capture[0];
    private final Steering steering;
    private Watchdog watchdog;

    private Bridge(BridgeSettings settings, Ruleset ruleset) throws IOException {
        this.settings = settings;
        this.ruleset = ruleset;
        ports = new Port[settings.ports().size()];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = new Port(i, settings.ports().get(i));
        }
        fdb = new Fdb(4096, settings.ageingSeconds() * 1_000_000_000L);
        workers = new Worker[settings.workers()];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker(w, ruleset, ports, fdb, RING);
            workers[w].calls(calls);
        }
        calls(settings);
        steering = Steering.identity(workers.length);
    }

    public static Bridge start(BridgeSettings settings, Ruleset ruleset) throws IOException {
        Bridge b = new Bridge(settings, ruleset);
        try {
            b.attach();
        } catch (IOException | RuntimeException e) {
            b.stop();
            throw e;
        }
        return b;
    }

    private void attach() throws IOException {
        for (Port port : ports) {
            log("port " + port.name + " (mtu " + port.mtu + "): " + port.offloads.disable());
        }
        // pcap4j finds its packet factory with ServiceLoader through the context class loader.
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(Bridge.class.getClassLoader());
        try {
            for (Port port : ports) {
                try {
                    port.open(PCAP_BUFFER);
                } catch (PcapNativeException e) {
                    throw new IOException("cannot open " + port.name + ": " + e.getMessage(), e);
                }
            }
        } finally {
            Thread.currentThread().setContextClassLoader(tccl);
        }
        for (Worker w : workers) {
            w.openTx();
        }
        for (Port port : ports) {
            String why = port.ignoreOutgoing();
            if (why != null) {
                log("port " + port.name + ": " + why);
            }
        }
        watchdog = new Watchdog(Bridge::log, 1000, Watchdog.STUCK_NS, steering::stuck);
        if (workers.length == 1) {
            // One worker: it runs on the capture thread itself, which reads every port (no hand-off).
            captures = new Capture[] {new Capture(ports, workers[0])};
            watchdog.spawn("pkttables-worker-0", captures[0].life, captures[0], -1);
        } else {
            for (Worker w : workers) {
                watchdog.spawn("pkttables-worker-" + w.index, w.life, w, w.index);
            }
            captures = new Capture[ports.length];
            for (int i = 0; i < ports.length; i++) {
                captures[i] = new Capture(ports[i], workers, steering);
                watchdog.spawn("pkttables-capture-" + ports[i].name, captures[i].life, captures[i], -1);
            }
        }
        watchdog.start("pkttables-bridge-watchdog");
        log("bridging " + String.join(", ", settings.ports()) + " with " + workers.length + " worker(s), fdb ageing "
                + settings.ageingSeconds() + " s" + (workers.length == 1 ? " (run on the capture thread)" : "")
                + "; " + families(settings));
    }

    /** Takes the call-iptables/ip6tables/arptables switches of {@code s} (the running workers see them). */
    public void calls(BridgeSettings s) {
        calls.set(s.callIptables(), s.callIp6tables(), s.callArptables());
    }

    public static String families(BridgeSettings s) {
        return "every frame through the bridge family (ebtables nat PREROUTING, filter FORWARD, nat POSTROUTING)"
                + (s.callIptables() ? "; IPv4" : "") + (s.callIp6tables() ? "; IPv6" : "")
                + (s.callIptables() || s.callIp6tables() ? " also through PREROUTING, FORWARD, POSTROUTING" : "")
                + (s.callArptables() ? "; ARP also through the arp family's FORWARD" : "");
    }

    public void stop() {
        List<Thread> threads = List.of();
        if (watchdog != null) {
            watchdog.stop();
            threads = watchdog.threads();
        }
        Shutdown.stop(captures, workers, threads, ports, Bridge::log);
        log("stopped bridging " + String.join(", ", settings.ports()));
    }

    public static void log(String s) {
        System.out.println("pkttables: bridge: " + s);
    }

    public String portsTable() {
        TxTotals totals = TxTotals.of(ports, workers);
        long[] tx = totals.tx();
        long[] txBytes = totals.txBytes();
        long[] drops = totals.drops();
        long[] txErr = totals.txErrors();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "bridge: %d ports, %d workers, fdb %d addresses (ageing %d s)%n",
                ports.length, workers.length, fdb.size(System.nanoTime()), settings.ageingSeconds()));
        sb.append(String.format(Locale.ROOT, "%-12s %5s %12s %14s %12s %14s %10s %10s %10s %10s%n", "port", "mtu", "rx",
                "rx_bytes", "tx", "tx_bytes", "drops", "tx_errors", "overflows", "pcap_drop"));
        for (int i = 0; i < ports.length; i++) {
            Counters c = ports[i].counters;
            sb.append(String.format(Locale.ROOT, "%-12s %5d %12d %14d %12d %14d %10d %10d %10d %10d%n", ports[i].name,
                    ports[i].mtu, c.get(Port.RX), c.get(Port.RX_BYTES), tx[i], txBytes[i], drops[i], txErr[i],
                    c.get(Port.OVERFLOW), c.get(Port.PCAP_DROP) + c.get(Port.PCAP_IFDROP)));
        }
        return sb.toString();
    }

    public String workersTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-6s %12s %12s %10s %10s %8s %10s %10s %10s %10s %10s %10s %10s %8s %8s%n",
                "worker", "rx", "forwarded", "drops", "malformed", "local", "flooded", "arp", "csum_fix", "segmented",
                "oversized", "overflows", "queued", "faults", "restarts"));
        for (Worker w : workers) {
            Counters c = w.counters;
            sb.append(String.format(Locale.ROOT,
                    "%-6d %12d %12d %10d %10d %8d %10d %10d %10d %10d %10d %10d %10d %8d %8d%n",
                    w.index, c.get(Worker.FRAMES), c.get(Worker.FORWARDED), c.get(Worker.FILTERED),
                    c.get(Worker.MALFORMED), c.get(Worker.LOCAL), c.get(Worker.FLOODED), c.get(Worker.ARP),
                    c.get(Worker.CSUM_FIXED), c.get(Worker.SEGMENTED), c.get(Worker.OVERSIZED), w.overflows(),
                    w.queued(), w.faults(), w.life.restarts()));
        }
        sb.append(Health.of(workers, captures, ruleset));
        return sb.toString();
    }

    public static int maxWorkers() {
        // The replay command keeps the last counter slot for itself.
        return PacketContext.MAX_WORKERS - 1;
    }
}
