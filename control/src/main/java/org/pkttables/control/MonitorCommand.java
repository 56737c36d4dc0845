package org.pkttables.control;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

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
        return "monitor [--count N]: prints every committed ruleset change as it happens";
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
        long count;
        try {
            count = MonitorArgs.count(args);
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
                    sink.out(e + "\n");
                    seen++;
                }
            }
            return 0;
        } finally {
            streams.remove(q);
        }
    }

    /** Without a stream to write to (a caller that only collects output): refused, it would never end. */
    @Override
    public CommandFrontend.Result run(List<String> args, String stdin) {
        return new CommandFrontend.Result(2, "", "monitor: streams its output; run it at the console or through ctl\n");
    }
}
