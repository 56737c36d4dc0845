package org.pkttables.io.router;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import org.pkttables.api.Ruleset;
import org.pkttables.io.ports.Counters;
import org.pkttables.io.ports.Port;
import org.pkttables.io.workers.ModeRuntime;
import org.pkttables.io.workers.Worker;
import org.pkttables.route.RoutingTable;

/**
 * A running router: the {@link ModeRuntime} (ports attached like the bridge's: GRO/LRO off, one capture
 * thread each, N workers) with a {@link RouterStage} on every worker, and the shared
 * {@link NeighbourTable}. The addresses and routes live in the {@link RoutingTable} service and may
 * change while it runs. {@link #start} attaches everything or nothing; {@link #stop} detaches and
 * restores the offloads.
 */
final class Router extends ModeRuntime {
    static final int MAX_NEIGHBOURS = 4096;

    final RouterSettings settings;
    final long[] macs;
    final RouterStage[] stages;
    final NeighbourTable neigh;

    Router(RouterSettings settings, Ruleset ruleset, RoutingTable rt, Port[] ports, long[] macs) {
        super("router", ruleset, ports, settings.workers());
        this.settings = settings;
        this.macs = macs;
        neigh = new NeighbourTable(settings.neighbourAgeingSeconds() * 1_000_000_000L, MAX_NEIGHBOURS);
        stages = new RouterStage[workers.length];
        for (int w = 0; w < workers.length; w++) {
            stages[w] = new RouterStage(workers[w], ruleset, rt, ports, macs, neigh, this::wakeAll);
            workers[w].stage(stages[w]);
        }
    }

    static Router start(RouterSettings settings, Ruleset ruleset, RoutingTable rt) throws IOException {
        Port[] ports = ports(settings.ports());
        long[] macs = new long[ports.length];
        for (int i = 0; i < ports.length; i++) {
            macs[i] = readMac(ports[i].name);
        }
        return attached(new Router(settings, ruleset, rt, ports, macs));
    }

    /** The port's own MAC address, which the router answers ARP/ND with and sends from. */
    static long readMac(String port) throws IOException {
        String s = Files.readString(Path.of("/sys/class/net", port, "address")).trim();
        if (!s.matches("([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}")) {
            throw new IOException("port " + port + " has no Ethernet address (" + s + ")");
        }
        return Long.parseLong(s.replace(":", ""), 16);
    }

    @Override
    protected String describe(Port port) {
        return "mtu " + port.mtu + ", " + NeighbourTable.macString(macs[port.index]);
    }

    @Override
    protected String workerThread(int index) {
        return "pkttables-router-" + index;
    }

    @Override
    protected String started() {
        return "routing between " + String.join(", ", settings.ports()) + " with " + workers.length
                + " worker(s) (" + workerCount.chosen() + "): PREROUTING, INPUT / FORWARD, OUTPUT, POSTROUTING; ARP and neighbour discovery "
                + "answered for the appliance's addresses";
    }

    @Override
    protected String stopped() {
        return "stopped routing between " + String.join(", ", settings.ports());
    }

    void wakeAll() {
        for (Worker w : workers) {
            w.wake();
        }
    }

    @Override
    public String portsTable() {
        String[] mac = new String[ports.length + 1];
        mac[0] = "mac";
        for (int i = 0; i < ports.length; i++) {
            mac[i + 1] = NeighbourTable.macString(macs[i]);
        }
        return portsTable(String.format(Locale.ROOT, "router: %d ports, %d workers, %d neighbours (ageing %d s)%n",
                ports.length, workers.length, neigh.size(), settings.neighbourAgeingSeconds()), mac);
    }

    @Override
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
        sb.append(workersLine());
        sb.append(health());
        return sb.toString();
    }

    @Override
    protected void workerData(int w, Map<String, Object> m) {
        Counters r = stages[w].counters;
        m.put("local", r.get(RouterStage.LOCAL_IN));
        m.put("arp", r.get(RouterStage.ARP_IN));
        m.put("nd", r.get(RouterStage.ND_IN));
        m.put("echo", r.get(RouterStage.ECHO_REPLIES));
        m.put("icmp_err", r.get(RouterStage.ICMP_ERRORS));
        m.put("limited", r.get(RouterStage.ICMP_LIMITED));
        m.put("no_route", r.get(RouterStage.NO_ROUTE));
        m.put("ttl_exc", r.get(RouterStage.TTL_EXCEEDED));
        m.put("too_big", r.get(RouterStage.TOO_BIG));
        m.put("neigh_queued", r.get(RouterStage.NEIGH_QUEUED));
        m.put("q_full", r.get(RouterStage.QUEUE_FULL));
        m.put("neigh_failed", r.get(RouterStage.NEIGH_FAILED));
        m.put("fragmented", r.get(RouterStage.FRAGMENTED));
        m.put("stolen", r.get(RouterStage.STOLEN));
    }

    /** The neighbour table as data ({@code neigh --json}). */
    List<Map<String, Object>> neighboursData() {
        String[] names = new String[ports.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = ports[i].name;
        }
        return neigh.data(names, System.nanoTime());
    }

    String neighbours() {
        String[] names = new String[ports.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = ports[i].name;
        }
        List<String> lines = neigh.list(names, System.nanoTime());
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
