package org.pkttables.io.router;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.pcap4j.core.PcapNativeException;
import org.pkttables.api.Ruleset;
import org.pkttables.route.RoutingTable;
import org.pkttables.io.bridge.Fdb;
import org.pkttables.io.ports.Counters;
import org.pkttables.io.ports.Port;
import org.pkttables.io.workers.Capture;
import org.pkttables.io.workers.Health;
import org.pkttables.io.workers.Shutdown;
import org.pkttables.io.workers.Steering;
import org.pkttables.io.workers.TxTotals;
import org.pkttables.io.workers.Watchdog;
import org.pkttables.io.workers.Worker;

/**
 * A running router: its ports (attached like the bridge's: GRO/LRO off, one capture thread each), N
 * workers whose frames go to a {@link RouterStage} each, the shared {@link NeighbourTable}. The
 * addresses and routes live in the {@link RoutingTable} service and may change while it runs.
 * {@link #start} attaches everything or nothing; {@link #stop} detaches and restores the offloads.
 */
final class Router {
    private static final int RING = 1024;
    private static final int PCAP_BUFFER = 16 << 20;
    static final int MAX_NEIGHBOURS = 4096;

    public final RouterSettings settings;
    public final Port[] ports;
    final long[] macs;
    public final Worker[] workers;
    final RouterStage[] stages;
    public final NeighbourTable neigh;
    private final Capture[] captures;
    private final Ruleset ruleset;
    private final Steering steering;
    private Watchdog watchdog;

    Router(RouterSettings settings, Ruleset ruleset, RoutingTable rt, Port[] ports, long[] macs) {
        this.settings = settings;
        this.ruleset = ruleset;
        this.ports = ports;
        this.macs = macs;
        neigh = new NeighbourTable(settings.neighbourAgeingSeconds() * 1_000_000_000L, MAX_NEIGHBOURS);
        workers = new Worker[settings.workers()];
        stages = new RouterStage[workers.length];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker(w, ruleset, ports, new Fdb(16, 1), RING);
            stages[w] = new RouterStage(workers[w], ruleset, rt, ports, macs, neigh, this::wakeAll);
            workers[w].stage(stages[w]);
        }
        captures = new Capture[ports.length];
        steering = Steering.identity(workers.length);
    }

    public static Router start(RouterSettings settings, Ruleset ruleset, RoutingTable rt) throws IOException {
        Port[] ports = new Port[settings.ports().size()];
        long[] macs = new long[ports.length];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = new Port(i, settings.ports().get(i));
            macs[i] = readMac(ports[i].name);
        }
        Router r = new Router(settings, ruleset, rt, ports, macs);
        try {
            r.attach();
        } catch (IOException | RuntimeException e) {
            r.stop();
            throw e;
        }
        return r;
    }

    /** The port's own MAC address, which the router answers ARP/ND with and sends from. */
    static long readMac(String port) throws IOException {
        String s = Files.readString(Path.of("/sys/class/net", port, "address")).trim();
        if (!s.matches("([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}")) {
            throw new IOException("port " + port + " has no Ethernet address (" + s + ")");
        }
        return Long.parseLong(s.replace(":", ""), 16);
    }

    private void attach() throws IOException {
        for (Port port : ports) {
            log("port " + port.name + " (mtu " + port.mtu + ", " + NeighbourTable.macString(macs[port.index]) + "): "
                    + port.offloads.disable());
        }
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(Router.class.getClassLoader());
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
        watchdog = new Watchdog(Router::log, 1000, Watchdog.STUCK_NS, steering::stuck);
        for (Worker w : workers) {
            watchdog.spawn("pkttables-router-" + w.index, w.life, w, w.index);
        }
        for (int i = 0; i < ports.length; i++) {
            captures[i] = new Capture(ports[i], workers, steering);
            watchdog.spawn("pkttables-capture-" + ports[i].name, captures[i].life, captures[i], -1);
        }
        watchdog.start("pkttables-router-watchdog");
        log("routing between " + String.join(", ", settings.ports()) + " with " + workers.length
                + " worker(s): PREROUTING, INPUT / FORWARD, OUTPUT, POSTROUTING; ARP and neighbour discovery "
                + "answered for the appliance's addresses");
    }

    void wakeAll() {
        for (Worker w : workers) {
            w.wake();
        }
    }

    public void stop() {
        List<Thread> threads = List.of();
        if (watchdog != null) {
            watchdog.stop();
            threads = watchdog.threads();
        }
        Shutdown.stop(captures, workers, threads, ports, Router::log);
        log("stopped routing between " + String.join(", ", settings.ports()));
    }

    public static void log(String s) {
        System.out.println("pkttables: router: " + s);
    }

    public String portsTable() {
        TxTotals totals = TxTotals.of(ports, workers);
        long[] tx = totals.tx();
        long[] txBytes = totals.txBytes();
        long[] drops = totals.drops();
        long[] txErr = totals.txErrors();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "router: %d ports, %d workers, %d neighbours (ageing %d s)%n",
                ports.length, workers.length, neigh.size(), settings.neighbourAgeingSeconds()));
        sb.append(String.format(Locale.ROOT, "%-12s %5s %-17s %12s %14s %12s %14s %10s %10s %10s %10s%n", "port", "mtu",
                "mac", "rx", "rx_bytes", "tx", "tx_bytes", "drops", "tx_errors", "overflows", "pcap_drop"));
        for (int i = 0; i < ports.length; i++) {
            Counters c = ports[i].counters;
            sb.append(String.format(Locale.ROOT, "%-12s %5d %-17s %12d %14d %12d %14d %10d %10d %10d %10d%n",
                    ports[i].name, ports[i].mtu, NeighbourTable.macString(macs[i]), c.get(Port.RX),
                    c.get(Port.RX_BYTES), tx[i], txBytes[i], drops[i], txErr[i], c.get(Port.OVERFLOW),
                    c.get(Port.PCAP_DROP) + c.get(Port.PCAP_IFDROP)));
        }
        return sb.toString();
    }

    public String workersTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "%-6s %10s %10s %8s %8s %8s %8s %8s %8s %8s %8s %8s %8s %8s %8s %8s %8s %8s %8s %8s %8s%n", "worker", "rx",
                "forwarded", "drops", "malformed", "local", "arp", "nd", "echo", "icmp_err", "limited", "no_route",
                "ttl_exc", "too_big", "queued", "q_full", "failed", "csum_fix", "segmented", "faults", "restarts"));
        for (int w = 0; w < workers.length; w++) {
            Counters c = workers[w].counters;
            Counters r = stages[w].counters;
            sb.append(String.format(Locale.ROOT,
                    "%-6d %10d %10d %8d %8d %8d %8d %8d %8d %8d %8d %8d %8d %8d %8d %8d %8d %8d %8d %8d %8d%n", w,
                    c.get(Worker.FRAMES), c.get(Worker.FORWARDED), c.get(Worker.FILTERED), c.get(Worker.MALFORMED),
                    r.get(RouterStage.LOCAL_IN), r.get(RouterStage.ARP_IN), r.get(RouterStage.ND_IN),
                    r.get(RouterStage.ECHO_REPLIES), r.get(RouterStage.ICMP_ERRORS), r.get(RouterStage.ICMP_LIMITED),
                    r.get(RouterStage.NO_ROUTE), r.get(RouterStage.TTL_EXCEEDED), r.get(RouterStage.TOO_BIG),
                    r.get(RouterStage.NEIGH_QUEUED), r.get(RouterStage.QUEUE_FULL), r.get(RouterStage.NEIGH_FAILED),
                    c.get(Worker.CSUM_FIXED), c.get(Worker.SEGMENTED), workers[w].faults(),
                    workers[w].life.restarts()));
        }
        sb.append(Health.of(workers, captures, ruleset));
        return sb.toString();
    }

    public String neighbours() {
        String[] names = new String[ports.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = ports[i].name;
        }
        List<String> lines = neigh.list(names, System.nanoTime());
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
