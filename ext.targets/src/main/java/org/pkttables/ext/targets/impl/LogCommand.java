package org.pkttables.ext.targets.impl;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.StreamingCommand;
import org.pkttables.ext.targets.api.LogRing;

/**
 * {@code log [-f] [--prefix P] [--json] [--count N]}: the LOG target's lines from its ring ({@link LogRing}),
 * like {@code journalctl -k} filtered on the prefix. Without {@code -f} the lines the ring still holds (the
 * last N); with {@code -f} every new line as it is logged, until N lines, the reader leaves or the caller
 * interrupts (at the console, through {@code ctl}). A follower reads the ring at its own pace and never
 * holds a worker up: when it falls more than a ring behind (a LOG flood, a slow terminal) the lines it
 * missed are counted, said on its error stream at most once a second and at the end, and summed in
 * {@code status} ({@link LogRing#followersMissed}).
 */
@Component(service = { CommandExtension.class, StreamingCommand.class })
public final class LogCommand implements StreamingCommand {
    /** How long a quiet follower waits before checking that its reader is still there. */
    private static final long KEEPALIVE_MILLIS = 1000;
    /** The most lines a follower writes at once when they come faster than it writes (one write, not one each). */
    private static final int BATCH = 256;

    @Reference
    private LogRing ring;

    public LogCommand() {
    }

    /** Outside OSGi (tests): reads {@code ring}. */
    LogCommand(LogRing ring) {
        this.ring = ring;
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public String help() {
        return "log [-f] [--prefix P] [--json] [--count N]: the LOG target's lines (-f: follow them live; lines a"
                + " slow reader misses are counted)";
    }

    @Override
    public boolean streams(List<String> args) {
        return args.contains("-f") || args.contains("--follow");
    }

    /** The lines the ring still holds, the last {@code --count} of them; {@code -f} is refused here. */
    @Override
    public CommandFrontend.Result run(List<String> args, String stdin) {
        LogArgs a;
        try {
            a = LogArgs.parse(args);
        } catch (IllegalArgumentException e) {
            return new CommandFrontend.Result(2, "", "log: " + e.getMessage() + "\n");
        }
        if (a.follow()) {
            return new CommandFrontend.Result(2, "", "log: -f streams its output; run it at the console or through ctl\n");
        }
        LogRing.Reader r = ring.follow(Math.max(0, ring.published() - ring.capacity()));
        ArrayDeque<String> last = new ArrayDeque<>();
        for (LogRing.Entry e; (e = r.poll()) != null;) {
            if (matches(a, e)) {
                last.addLast(format(a, e));
                if (last.size() > a.count()) {
                    last.removeFirst();
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (String l : last) {
            out.append(l).append('\n');
        }
        return new CommandFrontend.Result(0, out.toString(), "");
    }

    @Override
    public int stream(List<String> args, Sink sink) throws IOException, InterruptedException {
        LogArgs a;
        try {
            a = LogArgs.parse(args);
        } catch (IllegalArgumentException e) {
            sink.err("log: " + e.getMessage() + "\n");
            return 2;
        }
        if (!a.follow()) {
            CommandFrontend.Result r = run(args, "");
            sink.out(r.out());
            sink.err(r.err());
            return r.exit();
        }
        LogRing.Reader reader = ring.follow();
        long said = 0;
        long saidAt = System.nanoTime();
        long quietSince = System.nanoTime();
        try {
            for (long seen = 0; seen < a.count();) {
                LogRing.Entry e = reader.poll(KEEPALIVE_MILLIS, TimeUnit.MILLISECONDS);
                long now = System.nanoTime();
                if (e == null || now - quietSince > TimeUnit.MILLISECONDS.toNanos(KEEPALIVE_MILLIS)) {
                    sink.keepAlive();
                    quietSince = now;
                }
                if (reader.missed() > said && now - saidAt >= TimeUnit.SECONDS.toNanos(1)) {
                    said = lost(sink, reader, said);
                    saidAt = now;
                }
                if (e == null) {
                    continue;
                }
                // What has come meanwhile goes out in one write: a flood costs a write per batch, not per line.
                StringBuilder batch = new StringBuilder();
                for (int n = 0; e != null && seen < a.count(); n++) {
                    if (matches(a, e)) {
                        batch.append(format(a, e)).append('\n');
                        seen++;
                    }
                    e = n < BATCH ? reader.poll() : null;
                }
                if (batch.length() > 0) {
                    sink.out(batch.toString());
                    quietSince = System.nanoTime();
                }
            }
            return 0;
        } finally {
            if (reader.missed() > said) {
                lost(sink, reader, said);
            }
        }
    }

    private static long lost(Sink sink, LogRing.Reader reader, long said) throws IOException {
        long missed = reader.missed();
        sink.err("log: " + (missed - said) + " lines lost (this reader fell behind the ring; " + missed
                + " in all)\n");
        return missed;
    }

    private static boolean matches(LogArgs a, LogRing.Entry e) {
        return a.prefix().isEmpty() || LogLine.prefix(e.line()).startsWith(a.prefix());
    }

    private static String format(LogArgs a, LogRing.Entry e) {
        return a.json() ? LogLine.json(e) : LogLine.text(e);
    }
}
