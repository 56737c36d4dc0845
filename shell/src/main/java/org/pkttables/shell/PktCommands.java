package org.pkttables.shell;

import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.StreamingCommand;
import org.pkttables.api.CommandFrontend;

/**
 * Puts the pkttables commands into Gogo under scope {@code pkt}: one {@link Function} service per
 * command the {@link CommandFrontend} knows, plus {@code monitor}; commands that other bundles add
 * ({@link CommandExtension}) come and go with them. Immediate, so the commands exist as soon as the
 * core does (a delayed component would be recreated on every call).
 */
@Component(service = {}, immediate = true)
public final class PktCommands {
    static final String SCOPE = "pkt";

    /** The commands of the classic tools; registered even if the frontend does not list them yet. */
    static final List<String> CLASSIC = List.of("iptables", "ip6tables", "arptables", "iptables-save",
            "iptables-restore", "ip6tables-save", "ip6tables-restore", "arptables-save", "arptables-restore", "ebtables",
            "ebtables-save", "ebtables-restore", "ext");

    @Reference
    private CommandFrontend frontend;

    private BundleContext context;
    /** Every registered Gogo command by name; guarded by this. */
    private final Map<String, ServiceRegistration<Function>> registered = new LinkedHashMap<>();
    /** Extension commands seen (bound before activate too); guarded by this. */
    private final Set<String> extensions = new LinkedHashSet<>();
    /** Extension commands whose output can stream, by name; guarded by this. */
    private final Map<String, StreamingCommand> streaming = new java.util.HashMap<>();

    @Activate
    synchronized void activate(BundleContext ctx) {
        this.context = ctx;
        Set<String> names = new LinkedHashSet<>(frontend.commands());
        names.addAll(CLASSIC);
        names.addAll(extensions);
        for (String name : names) {
            register(name, new FrontendCommand(frontend, name, streaming.get(name)));
        }
        register("monitor", new MonitorCommand(ctx));
    }

    @Deactivate
    synchronized void deactivate() {
        for (ServiceRegistration<Function> r : registered.values()) {
            r.unregister();
        }
        registered.clear();
        context = null;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addCommandExtension(CommandExtension e) {
        extensions.add(e.name());
        if (e instanceof StreamingCommand) {
            streaming.put(e.name(), (StreamingCommand) e);
        }
        if (context != null) {
            register(e.name(), new FrontendCommand(frontend, e.name(), streaming.get(e.name())));
        }
    }

    synchronized void removeCommandExtension(CommandExtension e) {
        extensions.remove(e.name());
        streaming.remove(e.name());
        ServiceRegistration<Function> r = registered.remove(e.name());
        if (r != null && context != null) {
            r.unregister();
        }
    }

    private void register(String name, Function f) {
        if (registered.containsKey(name)) {
            return;
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgi.command.scope", SCOPE);
        props.put("osgi.command.function", name);
        registered.put(name, context.registerService(Function.class, f, props));
    }
}
