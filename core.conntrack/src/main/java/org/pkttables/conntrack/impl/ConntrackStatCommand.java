package org.pkttables.conntrack.impl;

import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend;
import org.pkttables.conntrack.ConntrackService;

/**
 * {@code conntrack-stat buckets}: the chain-length distribution of the table's hash buckets (the seeds'
 * cttest), to see whether the keyed hash keeps traffic spread; {@code conntrack-stat closewait}: how long
 * TCP connections stayed half-closed (CLOSE_WAIT), and those half-closed now; {@code conntrack-stat
 * pressure}: how often new unreplied entries got the short timeout of a nearly full table.
 */
@Component(service = CommandExtension.class)
public final class ConntrackStatCommand implements CommandExtension {
    static final int MAX_CHAIN = 16;
    private final ConntrackEngine engine;

    @Activate
    public ConntrackStatCommand(@Reference ConntrackService ct) {
        this(engineOf(ct));
    }

    ConntrackStatCommand(ConntrackEngine engine) {
        this.engine = engine;
    }

    private static ConntrackEngine engineOf(ConntrackService ct) {
        if (ct instanceof ConntrackComponent) {
            return ((ConntrackComponent) ct).engine();
        }
        if (ct instanceof ConntrackEngine) {
            return (ConntrackEngine) ct;
        }
        throw new IllegalStateException("conntrack-stat needs this bundle's table, not " + ct.getClass().getName());
    }

    @Override
    public String name() {
        return "conntrack-stat";
    }

    @Override
    public String help() {
        return "conntrack-stat buckets|closewait|pressure|defrag: hash chain lengths, CLOSE_WAIT durations, "
                + "short timeouts under pressure, fragment reassembly counters";
    }

    @Override
    public CommandFrontend.Result run(List<String> args, String stdin) {
        if (args.size() != 1) {
            return new CommandFrontend.Result(2, "", "usage: " + help() + "\n");
        }
        switch (args.get(0)) {
            case "buckets":
                return new CommandFrontend.Result(0, buckets(), "");
            case "closewait":
                return new CommandFrontend.Result(0, closeWait(), "");
            case "pressure":
                return new CommandFrontend.Result(0, "unreplied entries given the pressure timeout ("
                        + engine.timeouts().get(Timeouts.PRESSURE_NAME) + " s, table over "
                        + ConntrackEngine.PRESSURE_PERCENT + "% full): " + engine.pressured() + "\n", "");
            case "defrag":
                return engine.defrag == null ? new CommandFrontend.Result(1, "", "conntrack-stat: no defragmentation running\n")
                        : new CommandFrontend.Result(0, engine.defrag.format(), "");
            default:
                return new CommandFrontend.Result(2, "", "conntrack-stat: unknown report `" + args.get(0)
                        + "'\nusage: " + help() + "\n");
        }
    }

    private String buckets() {
        long[] h = engine.chainLengthHistogram(MAX_CHAIN);
        long entries = 0;
        long probes = 0; // lookups of every entry: the k-th in a chain costs k record reads
        int longest = 0;
        for (int len = 0; len < h.length; len++) {
            entries += len * h[len];
            probes += h[len] * len * (len + 1L) / 2;
            if (h[len] > 0) {
                longest = len;
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "buckets %d, entries %d, load %.3f%n", engine.buckets(), entries,
                entries / (double) engine.buckets()));
        sb.append("chain  buckets\n");
        for (int len = 0; len < h.length; len++) {
            if (h[len] > 0) {
                sb.append(String.format(Locale.ROOT, "%s%-5d %d%n", len == MAX_CHAIN ? ">=" : "", len, h[len]));
            }
        }
        sb.append(String.format(Locale.ROOT, "longest %s%d, mean entries read per hit %.3f%n",
                longest == MAX_CHAIN ? ">=" : "", longest, entries == 0 ? 0.0 : probes / (double) entries));
        return sb.toString();
    }

    private String closeWait() {
        HalfClosedStats s = engine.halfClosed();
        long[] c = s.counts();
        long n = 0;
        StringBuilder sb = new StringBuilder("CLOSE_WAIT durations (connections that left it)\n");
        for (int i = 0; i < c.length; i++) {
            sb.append(String.format(Locale.ROOT, "%-5s %d%n", HalfClosedStats.LABELS[i], c[i]));
            n += c[i];
        }
        sb.append(String.format(Locale.ROOT, "left %d, mean %.1f s%n", n, n == 0 ? 0.0 : s.totalMs() / 1000.0 / n));
        long[] now = engine.halfClosedNow();
        sb.append(String.format(Locale.ROOT, "in CLOSE_WAIT now %d, longest %d s%n", now[0], now[1] / 1000));
        return sb.toString();
    }
}
