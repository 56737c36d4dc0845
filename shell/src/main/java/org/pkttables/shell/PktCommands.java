package org.pkttables.shell;

import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pkttables.api.CommandRegistry;

/**
 * Puts the pkttables commands into Gogo under scope {@code pkt}: one {@link Function} service per command
 * of the {@link CommandRegistry}, coming and going with it. Immediate, so the commands exist as soon as
 * the registry does (a delayed component would be recreated on every call).
 */
@Component(service = {}, immediate = true)
public final class PktCommands implements CommandRegistry.Watcher {
    static final String SCOPE = "pkt";

    /**
     * Commands the console has of its own ({@code felix:help}, {@code felix:lb}): not shadowed, so that
     * typing them at the prompt does what it always did.
     */
    static final Set<String> CONSOLE_OWN = Set.of("help", "lb");

    @Reference
    private CommandRegistry registry;

    private BundleContext context;
    /** Every registered Gogo command by name; guarded by this. */
    private final Map<String, ServiceRegistration<Function>> registered = new LinkedHashMap<>();

    @Activate
    void activate(BundleContext ctx) {
        synchronized (this) {
            this.context = ctx;
        }
        registry.watch(this);
    }

    @Deactivate
    void deactivate() {
        registry.unwatch(this);
        synchronized (this) {
            for (ServiceRegistration<Function> r : registered.values()) {
                r.unregister();
            }
            registered.clear();
            context = null;
        }
    }

    @Override
    public synchronized void added(String name) {
        if (context == null || CONSOLE_OWN.contains(name) || registered.containsKey(name)) {
            return;
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgi.command.scope", SCOPE);
        props.put("osgi.command.function", name);
        registered.put(name, context.registerService(Function.class, new FrontendCommand(registry, name), props));
    }

    @Override
    public synchronized void removed(String name) {
        ServiceRegistration<Function> r = registered.remove(name);
        if (r != null) {
            r.unregister();
        }
    }
}
