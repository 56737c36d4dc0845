package org.pkttables.cli.xtables;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.api.RulesetException;
import org.pkttables.api.TraceEvent;
import org.pkttables.api.TraceListener;
import org.pkttables.tables.engine.RulesetTools;

/**
 * {@code trace [--count N] [--timeout SECONDS] [--json]}: prints the steps of packets selected with
 * {@code -t raw -j TRACE} as they happen, like {@code nft monitor trace}, until N events (default 100)
 * or the timeout (default 10 s).
 */
final class TraceCommand {
    private final RulesetTools tools;

    TraceCommand(RulesetTools tools) {
        this.tools = tools;
    }

    Result run(List<String> args) throws RulesetException {
        int count = 100;
        long timeout = 10;
        boolean json = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            try {
                if (a.equals("--json")) {
                    json = true;
                } else if (a.equals("--count") && i + 1 < args.size()) {
                    count = Integer.parseInt(args.get(++i));
                } else if (a.equals("--timeout") && i + 1 < args.size()) {
                    timeout = Long.parseLong(args.get(++i));
                } else {
                    throw new IptablesFrontend.UsageException("usage: trace [--count N] [--timeout SECONDS] [--json]", null);
                }
            } catch (NumberFormatException e) {
                throw new IptablesFrontend.UsageException("trace: `" + args.get(i) + "' is not a number", e);
            }
        }
        LinkedBlockingQueue<TraceEvent> q = new LinkedBlockingQueue<>();
        TraceListener l = q::offer;
        tools.startTrace(l);
        StringBuilder out = new StringBuilder();
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
            for (int n = 0; n < count; n++) {
                long left = end - System.nanoTime();
                TraceEvent e = left <= 0 ? null : q.poll(left, TimeUnit.NANOSECONDS);
                if (e == null) {
                    break;
                }
                out.append(json ? Json.line(json(e)) : e.toString()).append('\n');
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            tools.stopTrace(l);
        }
        return new Result(0, out.toString(), "");
    }

    /** One step as one JSON object ({@code trace --json}: one per line, as {@code nft -j monitor trace}). */
    private static Map<String, Object> json(TraceEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toHexString(e.packet()));
        m.put("family", e.family().id());
        m.put("hook", e.hook().name());
        m.put("table", e.table());
        m.put("chain", e.chain());
        if (e.rule() == 0) {
            m.put("policy", e.text());
        } else {
            m.put("rule", e.rule());
            m.put("text", e.text());
        }
        m.put("mark", e.mark() & 0xffffffffL);
        return m;
    }
}
