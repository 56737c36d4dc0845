package org.pkttables.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.pkttables.api.RulesetEvent;
import org.pkttables.api.RulesetListener;
import org.pkttables.control.client.MonitorArgs;

/**
 * {@code pkt:monitor [--count N]}: like {@code xtables-monitor}, prints every committed ruleset change
 * as it happens, until interrupted or until N events have been printed.
 */
final class MonitorCommand implements Function {
    private final BundleContext context;

    MonitorCommand(BundleContext context) {
        this.context = context;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws Exception {
        List<String> words = new ArrayList<>();
        for (Object a : arguments) {
            words.add(String.valueOf(a));
        }
        long count;
        try {
            count = MonitorArgs.count(words);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException("monitor", 2, "monitor: " + e.getMessage());
        }
        BlockingQueue<RulesetEvent> events = new LinkedBlockingQueue<>();
        RulesetListener listener = events::offer;
        ServiceRegistration<RulesetListener> reg = context.registerService(RulesetListener.class, listener, null);
        try {
            for (long seen = 0; seen < count; seen++) {
                System.out.println(events.take());
                System.out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            reg.unregister();
        }
        return null;
    }
}
