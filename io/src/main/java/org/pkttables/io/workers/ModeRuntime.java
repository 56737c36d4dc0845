package org.pkttables.io.workers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Map;
import java.util.function.ObjLongConsumer;

import org.pcap4j.core.PcapNativeException;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Ruleset;
import org.pkttables.io.ports.Counters;
import org.pkttables.io.ports.Port;

/**
 * The lifecycle bridge and router mode share: the ports, N workers each running the mode's
 * {@link Worker.Stage}, the capture threads, the watchdog. {@link #attach} sets the offloads (GRO on with GSO), opens
 * every port, spawns workers and captures under the watchdog, all or nothing (on a failure the caller
 * {@link #stop}s what was started); {@link #stop} stops and joins the threads, closes the ports and
 * restores their offloads. A mode adds its stage, its log lines and its tables.
 */
public abstract class ModeRuntime {
    private static final System.Logger LOG = System.getLogger("org.pkttables.io");
    /** Frames each worker's ring holds per port. */
    protected static final int RING = 1024;
    private static final int PCAP_BUFFER = 16 << 20;
    /**
     * With GRO on, libpcap (TPACKET_V2 in immediate mode) gives every ring slot room for a 64 KiB
     * super-frame, one slot per 128 KiB block: 16 MiB would hold 128 frames (instead of ~8000 of MTU
     * size), too few to ride out a burst of small frames; this holds 512.
     */
    private static final int PCAP_BUFFER_GRO = Integer.getInteger("pkttables.pcap.groBuffer", 64 << 20);

    /** {@code bridge} or {@code router}: the log prefix and the threads' names. */
    private final String mode;
    public final Port[] ports;
    public final Worker[] workers;
    /** How many workers and how that number was chosen (shown by {@code mode} and {@code workers}). */
    public final WorkerCount workerCount;
    protected final Ruleset ruleset;
    private final Steering steering;
    private Capture[] captures = new Capture[0];
    private Watchdog watchdog;

    /** Makes {@code count} workers over {@code ports}; the subclass gives each its stage. */
    protected ModeRuntime(String mode, Ruleset ruleset, Port[] ports, WorkerCount count) {
        this.mode = mode;
        this.ruleset = ruleset;
        this.ports = ports;
        this.workerCount = count;
        this.workers = new Worker[count.count()];
        for (int w = 0; w < workers.length; w++) {
            this.workers[w] = new Worker(w, ruleset, ports, RING);
        }
        steering = Steering.identity(workers.length);
    }

    /** The ports named by {@code names}, numbered in that order. */
    protected static Port[] ports(List<String> names) throws IOException {
        Port[] ports = new Port[names.size()];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = new Port(i, names.get(i));
        }
        return ports;
    }

    /** What the attach log says about a port besides its name ({@code mtu 1500} ...). */
    protected String describe(Port port) {
        return "mtu " + port.mtu;
    }

    /** Called once the ports are open, before any thread starts. */
    protected void opened() {
    }

    /** True when a single worker runs on the capture thread itself, which then reads every port. */
    protected boolean inlineSingleWorker() {
        return false;
    }

    /** The name of worker {@code index}'s thread. */
    protected abstract String workerThread(int index);

    /** The log line once everything runs. */
    protected abstract String started();

    /** The log line once everything is stopped. */
    protected abstract String stopped();

    /** {@code mode} with its ports attached ({@link #attach}); stopped again when that fails. */
    protected static <M extends ModeRuntime> M attached(M mode) throws IOException {
        try {
            mode.attach();
        } catch (IOException | RuntimeException e) {
            mode.stop();
            throw e;
        }
        return mode;
    }

    /** Attaches the ports and starts the threads; on an exception the caller stops this runtime. */
    protected final void attach() throws IOException {
        // TCP super-frames whole: GRO on where every port can send them whole (GSO), else GRO off and
        // every frame as the wire carries it (the appliance cuts what still comes in merged).
        boolean gso = !"false".equals(System.getProperty("pkttables.gso"));
        String why = gso ? null : "-Dpkttables.gso=false";
        for (Port port : ports) {
            String no = gso ? port.openGso() : null;
            if (no != null && why == null) {
                why = port.name + ": " + no;
            }
        }
        int buffer = why == null ? PCAP_BUFFER_GRO : PCAP_BUFFER;
        for (Port port : ports) {
            String line = why == null
                    ? port.offloads.receiveSuperFrames() + "; TCP super-frames go out whole (kernel GSO)"
                    : port.offloads.disable() + "; TCP super-frames cut by the appliance (no GSO: " + why + ")";
            log("port " + port.name + " (" + describe(port) + "): " + line);
        }
        // pcap4j finds its packet factory with ServiceLoader through the context class loader.
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(ModeRuntime.class.getClassLoader());
        try {
            for (Port port : ports) {
                try {
                    port.open(buffer);
                } catch (PcapNativeException e) {
                    throw new IOException("cannot open " + port.name + ": " + e.getMessage(), e);
                }
                log("port " + port.name + ": reads through " + port.rxPath());
            }
        } finally {
            Thread.currentThread().setContextClassLoader(tccl);
        }
        opened();
        watchdog = new Watchdog(this::log, 1000, Watchdog.STUCK_NS, steering::stuck);
        if (inline()) {
            // One worker: it runs on the capture thread itself, which reads every port (no hand-off).
            captures = new Capture[] {new Capture(ports, workers[0])};
            watchdog.spawn(workerThread(0), captures[0].life, captures[0], -1);
        } else {
            for (Worker w : workers) {
                watchdog.spawn(workerThread(w.index), w.life, w, w.index);
            }
            captures = new Capture[ports.length];
            for (int i = 0; i < ports.length; i++) {
                captures[i] = new Capture(ports[i], workers, steering);
                watchdog.spawn("pkttables-capture-" + ports[i].name, captures[i].life, captures[i], -1);
            }
        }
        watchdog.start("pkttables-" + mode + "-watchdog");
        log(started());
    }

    /** Stops the threads, closes the ports and restores their offloads (also after a failed attach). */
    public final void stop() {
        List<Thread> threads = List.of();
        if (watchdog != null) {
            watchdog.stop();
            threads = watchdog.threads();
        }
        Shutdown.stop(captures, workers, threads, ports, this::log);
        log(stopped());
    }

    /** True when the single worker runs on the capture thread (no worker threads, no hand-off). */
    protected final boolean inline() {
        return workers.length == 1 && inlineSingleWorker();
    }

    /** One line for the {@code mode} command: {@code bridge: a, b (1 worker: default for 2 cores, 2 ports)}. */
    public final String status() {
        StringBuilder sb = new StringBuilder(mode).append(": ");
        for (int i = 0; i < ports.length; i++) {
            sb.append(i > 0 ? ", " : "").append(ports[i].name);
        }
        return sb.append(" (").append(workers.length).append(workers.length == 1 ? " worker: " : " workers: ")
                .append(workerCount.chosen()).append(inline() ? ", run on the capture thread" : "").append(')')
                .toString();
    }

    /** The {@code ports} command's table of this mode. */
    public abstract String portsTable();

    /** The {@code workers} command's table of this mode. */
    public abstract String workersTable();

    /** The line under the workers table: {@code workers: 1 (default for 2 cores, 2 ports), run on ...}. */
    protected final String workersLine() {
        return "workers: " + workerCount + (inline() ? ", run on the capture thread" : "") + "\n";
    }

    protected final void log(String s) {
        LOG.log(System.Logger.Level.INFO, mode + ": " + s);
    }

    /**
     * The per-port table: {@code title}, then per port its name, MTU, {@code extra} column (when not
     * null: a heading then one value per port), receive and send counters, drops, errors, overflows.
     */
    protected final String portsTable(String title, String[] extra) {
        TxTotals totals = TxTotals.of(ports, workers);
        long[] tx = totals.tx();
        long[] txBytes = totals.txBytes();
        long[] drops = totals.drops();
        long[] txErr = totals.txErrors();
        StringBuilder sb = new StringBuilder(title);
        sb.append(String.format(Locale.ROOT, "%-12s %5s", "port", "mtu"));
        if (extra != null) {
            sb.append(String.format(Locale.ROOT, " %-17s", extra[0]));
        }
        sb.append(String.format(Locale.ROOT, " %12s %14s %12s %14s %10s %10s %10s %10s%n", "rx", "rx_bytes", "tx",
                "tx_bytes", "drops", "tx_errors", "overflows", "pcap_drop"));
        for (int i = 0; i < ports.length; i++) {
            Counters c = ports[i].counters;
            sb.append(String.format(Locale.ROOT, "%-12s %5d", ports[i].name, ports[i].mtu));
            if (extra != null) {
                sb.append(String.format(Locale.ROOT, " %-17s", extra[i + 1]));
            }
            sb.append(String.format(Locale.ROOT, " %12d %14d %12d %14d %10d %10d %10d %10d%n", c.get(Port.RX),
                    c.get(Port.RX_BYTES), tx[i], txBytes[i], drops[i], txErr[i], c.get(Port.OVERFLOW),
                    c.get(Port.PCAP_DROP) + c.get(Port.PCAP_IFDROP)));
        }
        return sb.toString();
    }

    /**
     * The per-port counters as data ({@code ports --json}, the metrics endpoint): the columns of
     * {@link #portsTable}, read as the table reads them (no lock on the packet path).
     */
    public final List<Map<String, Object>> portsData() {
        TxTotals totals = TxTotals.of(ports, workers);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < ports.length; i++) {
            Counters c = ports[i].counters;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("port", ports[i].name);
            m.put("mtu", ports[i].mtu);
            m.put("rx", c.get(Port.RX));
            m.put("rx_bytes", c.get(Port.RX_BYTES));
            m.put("tx", totals.tx()[i]);
            m.put("tx_bytes", totals.txBytes()[i]);
            m.put("drops", totals.drops()[i]);
            m.put("tx_errors", totals.txErrors()[i]);
            m.put("overflows", c.get(Port.OVERFLOW));
            m.put("pcap_drop", c.get(Port.PCAP_DROP) + c.get(Port.PCAP_IFDROP));
            out.add(m);
        }
        return out;
    }

    /** The counters every worker has, as data ({@code workers --json}); a mode adds its own ({@link #workerData}). */
    public final List<Map<String, Object>> workersData() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Worker w : workers) {
            Counters c = w.counters;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("worker", w.index);
            m.put("rx", c.get(Worker.FRAMES));
            m.put("forwarded", c.get(Worker.FORWARDED));
            m.put("drops", c.get(Worker.FILTERED));
            m.put("malformed", c.get(Worker.MALFORMED));
            m.put("csum_fix", c.get(Worker.CSUM_FIXED));
            m.put("segmented", c.get(Worker.SEGMENTED));
            m.put("gso", c.get(Worker.GSO));
            m.put("oversized", c.get(Worker.OVERSIZED));
            m.put("overflows", w.overflows());
            m.put("queued", w.queued());
            m.put("faults", w.faults());
            m.put("restarts", w.life.restarts());
            workerData(w.index, m);
            out.add(m);
        }
        return out;
    }

    /** Adds the mode's own counters of worker {@code index} to its {@link #workersData} entry. */
    protected void workerData(int index, Map<String, Object> m) {
    }

    /** The most workers a mode may have: the replay command keeps the last counter slot for itself. */
    public static int maxWorkers() {
        return PacketContext.MAX_WORKERS - 1;
    }

    /**
     * Checks the ports and worker count a mode is asked to run with: interface names, none twice, 1 to
     * {@link #maxWorkers} workers.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static void check(List<String> ports, int workers) {
        for (String p : ports) {
            if (!p.matches("[A-Za-z0-9_.@:-]{1,15}")) {
                throw new IllegalArgumentException("`" + p + "' is not an interface name");
            }
        }
        if (ports.stream().distinct().count() != ports.size()) {
            throw new IllegalArgumentException("a port is listed twice: " + ports);
        }
        if (workers < 1 || workers > maxWorkers()) {
            throw new IllegalArgumentException("workers must be 1.." + maxWorkers() + ", got " + workers);
        }
    }

    /**
     * The heartbeat of every supervised loop (each worker, each capture; the inline worker once), by its
     * name: a count its loop advances on every turn, at least every ~10 ms even when idle. Whoever compares
     * two looks sees which loops made progress in between (systemd's watchdog pings).
     */
    public final void heartbeats(ObjLongConsumer<String> out) {
        Map<Liveness, Boolean> seen = new IdentityHashMap<>();
        for (Worker w : workers) {
            if (seen.put(w.life, Boolean.TRUE) == null) {
                out.accept(w.life.name, w.life.beats());
            }
        }
        for (Capture c : captures) {
            if (c != null && seen.put(c.life, Boolean.TRUE) == null) {
                out.accept(c.life.name, c.life.beats());
            }
        }
    }

    /** The health lines under the workers table (stuck or restarted threads, faults). */
    protected final String health() {
        return Health.of(workers, captures, ruleset);
    }
}
