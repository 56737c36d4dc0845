package org.pkttables.control;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.jr.ob.JSON;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.RulesetEvent;
import org.pkttables.api.RulesetListener;
import org.pkttables.api.StreamingCommand;
import org.pkttables.control.client.MonitorArgs;

/**
 * {@code monitor [--count N]}: like {@code xtables-monitor}, streams every committed ruleset change as it
 * happens, one line each, until N have been sent, the reader leaves or the caller interrupts. The same
 * command at the console, through {@code ctl} and in {@code batch}.
 */
@Component(service = { CommandExtension.class, StreamingCommand.class, RulesetListener.class })
public final class MonitorCommand implements StreamingCommand, RulesetListener {
    /** How often a quiet stream checks that its reader is still there. */
    private static final long KEEPALIVE_SECONDS = 1;

    /** The queue of each running stream. */
    private final List<BlockingQueue<RulesetEvent>> streams = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "monitor";
    }

    @Override
    public String help() {
        return "monitor [--count N] [--json]: prints every committed ruleset change as it happens";
    }

    @Override
    public void changed(RulesetEvent event) {
        for (BlockingQueue<RulesetEvent> q : streams) {
            q.offer(event);
        }
    }

    /** Always a stream: there is no end to wait for without a reader. */
    @Override
    public boolean streams(List<String> args) {
        return true;
    }

    @Override
    public int stream(List<String> args, Sink sink) throws IOException, InterruptedException {
        List<String> rest = new java.util.ArrayList<>(args);
        boolean json = rest.remove("--json");
        long count;
        try {
            count = MonitorArgs.count(rest);
        } catch (IllegalArgumentException e) {
            sink.err("monitor: " + e.getMessage() + "\n");
            return 2;
        }
        BlockingQueue<RulesetEvent> q = new LinkedBlockingQueue<>();
        streams.add(q);
        try {
            for (long seen = 0; seen < count;) {
                RulesetEvent e = q.poll(KEEPALIVE_SECONDS, TimeUnit.SECONDS);
                if (e == null) {
                    sink.keepAlive();
                } else {
                    sink.out((json ? json(e) : e.toString()) + "\n");
                    seen++;
                }
            }
            return 0;
        } finally {
            streams.remove(q);
        }
    }

    /** One event as one JSON object ({@code monitor --json}: one per line, as {@code nft -j monitor}). */
    static String json(RulesetEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generation", e.generation());
        m.put("type", e.type().name().toLowerCase(java.util.Locale.ROOT));
        m.put("family", e.family().id());
        m.put("table", e.table());
        if (e.chain() != null) {
            m.put("chain", e.chain());
        }
        if (e.position() > 0) {
            m.put("position", e.position());
        }
        if (e.handle() > 0) {
            m.put("handle", e.handle());
        }
        if (e.detail() != null && !e.detail().isEmpty()) {
            m.put("detail", e.detail());
        }
        try {
            return JSON.std.asString(m);
        } catch (IOException x) {
            throw new java.io.UncheckedIOException("cannot write JSON", x);
        }
    }

    /** Without a stream to write to (a caller that only collects output): refused, it would never end. */
    @Override
    public CommandFrontend.Result run(List<String> args, String stdin) {
        return new CommandFrontend.Result(2, "", "monitor: streams its output; run it at the console or through ctl\n");
    }
}
