package org.pkttables.control;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.pkttables.api.CommandFrontend;

/**
 * The appliance as a {@code Type=notify} systemd service (sd_notify(3)), when systemd set
 * {@code NOTIFY_SOCKET}: {@code READY=1} with a {@code STATUS=} line (mode, rule count) once the rules
 * are loaded and the ports attached; {@code RELOADING=1} / {@code READY=1} around a reload; and, when
 * {@code WATCHDOG_USEC} is set (for this process, {@code WATCHDOG_PID}), {@code WATCHDOG=1} every half
 * period only while every packet loop makes progress: before each ping the pinger looks at the heartbeat
 * of every worker and capture loop (io's {@link org.pkttables.io.health.LoopHeartbeats}, advanced on
 * every turn of a loop, at least every ~10 ms when idle); a loop whose heartbeat did not move since the
 * previous ping is stuck, and no ping is sent until it moves again, so systemd restarts the service.
 */
final class SystemdService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.pkttables.control");
    private final SdNotifySocket socket;
    private final CommandFrontend frontend;
    private final long watchdogMicros;
    /** The packet loops' heartbeats now (empty without io or a running mode). */
    private final Supplier<Map<String, Long>> heartbeats;
    private final LoopProgress progress = new LoopProgress();
    private ScheduledExecutorService pinger;
    private List<String> stuckReported = List.of();

    private SystemdService(SdNotifySocket socket, CommandFrontend frontend, long watchdogMicros,
            Supplier<Map<String, Long>> heartbeats) {
        this.socket = socket;
        this.frontend = frontend;
        this.watchdogMicros = watchdogMicros;
        this.heartbeats = heartbeats;
    }

    /**
     * The service toward the systemd named by {@code env} ({@code System::getenv}), or null when not
     * started by systemd as {@code Type=notify}.
     *
     * @throws IOException when NOTIFY_SOCKET or WATCHDOG_USEC are malformed
     */
    static SystemdService fromEnvironment(UnaryOperator<String> env, CommandFrontend frontend,
            Supplier<Map<String, Long>> heartbeats) throws IOException {
        String notify = env.apply("NOTIFY_SOCKET");
        if (notify == null || notify.isEmpty()) {
            return null;
        }
        long usec = 0;
        String w = env.apply("WATCHDOG_USEC");
        String wpid = env.apply("WATCHDOG_PID");
        boolean forUs = wpid == null || wpid.isEmpty() || wpid.equals(Long.toString(ProcessHandle.current().pid()));
        if (w != null && !w.isEmpty() && forUs) {
            try {
                usec = Long.parseLong(w.trim());
            } catch (NumberFormatException e) {
                throw new IOException("WATCHDOG_USEC `" + w + "' is not a number", e);
            }
        }
        return new SystemdService(SdNotifySocket.open(notify), frontend, usec, heartbeats);
    }

    /**
     * The boot is over (the rules are in and the ports attached, or {@code boot} says why not): READY=1,
     * then the watchdog pings start.
     */
    synchronized void ready(String boot) throws IOException {
        socket.send("READY=1\nSTATUS=" + boot + status() + "\nMAINPID=" + ProcessHandle.current().pid() + "\n");
        if (watchdogMicros > 0 && pinger == null) {
            pinger = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "pkttables-systemd-watchdog");
                t.setDaemon(true);
                return t;
            });
            long half = Math.max(1, watchdogMicros / 2);
            pinger.scheduleAtFixedRate(this::ping, 0, half, TimeUnit.MICROSECONDS);
        }
    }

    /** A reload starts (systemd shows "reloading"). */
    void reloading() throws IOException {
        socket.send("RELOADING=1\nSTATUS=reloading\n");
    }

    /** A reload ended: READY=1 again, with what it did. */
    void reloaded(String outcome) throws IOException {
        socket.send("READY=1\nSTATUS=" + outcome + "; " + status() + "\n");
    }

    /** The appliance stops. */
    void stopping() throws IOException {
        socket.send("STOPPING=1\n");
    }

    /** One line: the running mode(s) and how many rules are loaded. */
    String status() {
        StringBuilder sb = new StringBuilder();
        CommandFrontend.Result mode = frontend.commands().contains("mode") ? frontend.run("mode", List.of(), "") : null;
        if (mode != null && mode.exit() == 0 && !mode.out().isBlank()) {
            sb.append(mode.out().strip().replace('\n', ';')).append("; ");
        }
        int rules = 0;
        for (String save : List.of("iptables-save", "ip6tables-save", "arptables-save", "ebtables-save")) {
            if (frontend.commands().contains(save)) {
                CommandFrontend.Result r = frontend.run(save, List.of(), "");
                for (String line : r.out().split("\n")) {
                    if (line.startsWith("-A ")) {
                        rules++;
                    }
                }
            }
        }
        return sb.append(rules).append(rules == 1 ? " rule" : " rules").toString();
    }

    /** One look before a ping: the ping only when every loop moved since the previous look. */
    private void ping() {
        try {
            List<String> stalled = progress.stalled(heartbeats.get());
            if (stalled.isEmpty()) {
                if (!stuckReported.isEmpty()) {
                    LOG.log(System.Logger.Level.WARNING, "packet loops move again (" + String.join(", ", stuckReported)
                            + "): systemd's watchdog pings go on");
                    socket.send("STATUS=" + status() + "\n");
                    stuckReported = List.of();
                }
                socket.send("WATCHDOG=1\n");
            } else if (!stalled.equals(stuckReported)) {
                stuckReported = stalled;
                String what = String.join(", ", stalled);
                socket.send("STATUS=packet loop stuck (" + what + "; see `pkttables ctl workers'): no watchdog pings\n");
                LOG.log(System.Logger.Level.ERROR, "packet loop stuck, its heartbeat did not move for "
                        + watchdogMicros / 2000 + " ms (" + what + "): systemd's watchdog pings stop");
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "systemd notification failed: " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (pinger != null) {
            pinger.shutdownNow();
            pinger = null;
        }
        socket.close();
    }
}
