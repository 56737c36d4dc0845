package org.pkttables.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArraySet;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pkttables.api.CallerFiles;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandRegistry;

/**
 * The one command registry: every {@link CommandExtension} service by each word it answers to (its
 * {@link CommandRegistry#NAMES} property, else its name), plus {@code help}, which lists them. Dynamic:
 * a command comes and goes with its service. When two services claim a word the first keeps it and the
 * second takes over when the first leaves. Lookups read an immutable snapshot (no lock, no service
 * lookup per call).
 */
@Component(service = CommandRegistry.class, immediate = true)
public final class CommandRegistryComponent implements CommandRegistry {
    /** Per word, the services claiming it in arrival order (the first is the one that runs); guarded by this. */
    private final Map<String, List<CommandExtension>> claims = new HashMap<>();
    /** The command of each word, sorted by word; replaced whole on every change. */
    private volatile TreeMap<String, CommandExtension> current = new TreeMap<>();
    private final Set<Watcher> watchers = new CopyOnWriteArraySet<>();

    public CommandRegistryComponent() {
        add(new HelpCommand(this), Map.of());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void add(CommandExtension service, Map<String, Object> props) {
        boolean several = props.get(NAMES) != null;
        for (String name : names(service, props)) {
            List<CommandExtension> c = claims.computeIfAbsent(name, n -> new ArrayList<>(1));
            c.add(BoundCommand.of(name, service, several));
            if (c.size() == 1) {
                publish();
                for (Watcher w : watchers) {
                    w.added(name);
                }
            }
        }
    }

    synchronized void remove(CommandExtension service, Map<String, Object> props) {
        for (String name : names(service, props)) {
            List<CommandExtension> c = claims.get(name);
            if (c == null) {
                continue;
            }
            boolean wasFirst = !c.isEmpty() && BoundCommand.service(c.get(0)) == service;
            c.removeIf(b -> BoundCommand.service(b) == service);
            if (c.isEmpty()) {
                claims.remove(name);
                publish();
                for (Watcher w : watchers) {
                    w.removed(name);
                }
            } else if (wasFirst) {
                publish(); // the next claimant answers now; the word stays
            }
        }
    }

    /** The words a service answers to: its NAMES property (String or String[]), else its name. */
    static List<String> names(CommandExtension service, Map<String, Object> props) {
        Object p = props.get(NAMES);
        if (p instanceof String s) {
            return List.of(s);
        }
        if (p instanceof String[] a && a.length > 0) {
            return List.of(a);
        }
        if (p instanceof java.util.Collection<?> c && !c.isEmpty()) {
            List<String> out = new ArrayList<>(c.size());
            for (Object o : c) {
                out.add(String.valueOf(o));
            }
            return out;
        }
        return List.of(service.name());
    }

    private void publish() {
        TreeMap<String, CommandExtension> next = new TreeMap<>();
        for (Map.Entry<String, List<CommandExtension>> e : claims.entrySet()) {
            next.put(e.getKey(), e.getValue().get(0));
        }
        current = next;
    }

    @Override
    public CommandExtension command(String name) {
        return current.get(name);
    }

    @Override
    public List<String> commands() {
        return List.copyOf(current.keySet());
    }

    @Override
    public Result run(String command, List<String> args, String stdin) {
        return run(command, args, stdin, CallerFiles.local());
    }

    @Override
    public Result run(String command, List<String> args, String stdin, CallerFiles files) {
        CommandExtension c = command(command);
        if (c == null) {
            return new Result(127, "", unknown(command));
        }
        return c.run(args, stdin, files);
    }

    /** What a caller gets for a word no command answers to. */
    static String unknown(String command) {
        return "pkttables: unknown command '" + command + "' (try 'help')\n";
    }

    @Override
    public void watch(Watcher watcher) {
        synchronized (this) {
            watchers.add(watcher);
            for (String name : current.keySet()) {
                watcher.added(name);
            }
        }
    }

    @Override
    public void unwatch(Watcher watcher) {
        watchers.remove(watcher);
    }
}
