package org.pkttables.io.bridge;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import org.pkttables.api.Ruleset;
import org.pkttables.io.ports.Counters;
import org.pkttables.io.ports.Port;
import org.pkttables.io.workers.ModeRuntime;
import org.pkttables.io.workers.Worker;

/**
 * A running bump-in-the-wire bridge: the {@link ModeRuntime} (ports attached with GRO/LRO off, one
 * capture thread per port, N workers) with a {@link BridgeStage} on every worker and the shared
 * forwarding database. {@link #start} attaches everything or nothing; {@link #stop} detaches and
 * restores the offloads it changed.
 */
final class Bridge extends ModeRuntime {
    final BridgeSettings settings;
    final Fdb fdb;
    private final BridgeFamilyStage.Calls calls = new BridgeFamilyStage.Calls();

    private Bridge(BridgeSettings settings, Ruleset ruleset) throws IOException {
        super("bridge", ruleset, ports(settings.ports()), settings.workers());
        this.settings = settings;
        fdb = new Fdb(4096, settings.ageingSeconds() * 1_000_000_000L);
        for (Worker w : workers) {
            w.stage(new BridgeStage(w, ruleset, ports, fdb, calls));
        }
        calls(settings);
    }

    static Bridge start(BridgeSettings settings, Ruleset ruleset) throws IOException {
        return attached(new Bridge(settings, ruleset));
    }

    @Override
    protected void opened() {
        for (Worker w : workers) {
            w.openTx();
        }
        for (Port port : ports) {
            String why = port.ignoreOutgoing();
            if (why != null) {
                log("port " + port.name + ": " + why);
            }
        }
    }

    @Override
    protected boolean inlineSingleWorker() {
        return true;
    }

    @Override
    protected String workerThread(int index) {
        return "pkttables-worker-" + index;
    }

    @Override
    protected String started() {
        return "bridging " + String.join(", ", settings.ports()) + " with " + workers.length + " worker(s) ("
                + workerCount.chosen() + (inline() ? ", run on the capture thread" : "") + "), fdb ageing "
                + settings.ageingSeconds() + " s; " + families(settings);
    }

    @Override
    protected String stopped() {
        return "stopped bridging " + String.join(", ", settings.ports());
    }

    /** Takes the call-iptables/ip6tables/arptables switches of {@code s} (the running workers see them). */
    void calls(BridgeSettings s) {
        calls.set(s.callIptables(), s.callIp6tables(), s.callArptables());
    }

    static String families(BridgeSettings s) {
        return "every frame through the bridge family (ebtables nat PREROUTING, filter FORWARD, nat POSTROUTING)"
                + (s.callIptables() ? "; IPv4" : "") + (s.callIp6tables() ? "; IPv6" : "")
                + (s.callIptables() || s.callIp6tables() ? " also through PREROUTING, FORWARD, POSTROUTING" : "")
                + (s.callArptables() ? "; ARP also through the arp family's FORWARD" : "");
    }

    @Override
    public String portsTable() {
        return portsTable(String.format(Locale.ROOT, "bridge: %d ports, %d workers, fdb %d addresses (ageing %d s)%n",
                ports.length, workers.length, fdb.size(System.nanoTime()), settings.ageingSeconds()), null);
    }

    @Override
    protected void workerData(int w, Map<String, Object> m) {
        Counters c = workers[w].counters;
        m.put("local", c.get(Worker.LOCAL));
        m.put("flooded", c.get(Worker.FLOODED));
        m.put("arp", c.get(Worker.ARP));
    }

    @Override
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
        sb.append(workersLine());
        sb.append(health());
        return sb.toString();
    }
}
