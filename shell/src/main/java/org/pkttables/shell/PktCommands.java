package org.pkttables.shell;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pkttables.api.CommandFrontend;

/**
 * Puts the pkttables commands into Gogo under scope {@code pkt}: one {@link Function} service per
 * command the {@link CommandFrontend} knows, plus {@code monitor}. Immediate, so the commands exist
 * as soon as the core does (a delayed component would be recreated on every call).
 */
@Component(service = {}, immediate = true)
public final class PktCommands {
    static final String SCOPE = "pkt";

    /** The commands of the classic tools; registered even if the frontend does not list them yet. */
    static final List<String> CLASSIC = List.of("iptables", "ip6tables", "arptables", "iptables-save",
            "iptables-restore", "ip6tables-save", "ip6tables-restore", "arptables-save", "arptables-restore", "ext");

    @Reference
    private CommandFrontend frontend;

    private final List<ServiceRegistration<Function>> registrations = new ArrayList<>();

    @Activate
    void activate(BundleContext context) {
        Set<String> names = new LinkedHashSet<>(frontend.commands());
        names.addAll(CLASSIC);
        for (String name : names) {
            register(context, name, new FrontendCommand(frontend, name));
        }
        register(context, "monitor", new MonitorCommand(context));
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<Function> r : registrations) {
            r.unregister();
        }
        registrations.clear();
    }

    private void register(BundleContext context, String name, Function f) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgi.command.scope", SCOPE);
        props.put("osgi.command.function", name);
        registrations.add(context.registerService(Function.class, f, props));
    }
}
