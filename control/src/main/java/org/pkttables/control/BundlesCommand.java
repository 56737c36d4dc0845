package org.pkttables.control;

import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.NamedCommand;

/** {@code lb}: the framework's bundles with their state, as Gogo's {@code lb} lists them. */
@Component(service = CommandExtension.class)
public final class BundlesCommand extends NamedCommand {
    private final BundleContext context;

    @Activate
    public BundlesCommand(BundleContext context) {
        super("lb", "lb: lists the bundles");
        this.context = context;
    }

    @Override
    public CommandFrontend.Result run(List<String> args, String stdin) {
        Map<Integer, String> names = Map.of(Bundle.ACTIVE, "Active", Bundle.RESOLVED, "Resolved", Bundle.INSTALLED,
                "Installed", Bundle.STARTING, "Starting", Bundle.STOPPING, "Stopping", Bundle.UNINSTALLED,
                "Uninstalled");
        StringBuilder sb = new StringBuilder(" ID|State      |Name\n");
        for (Bundle b : context.getBundles()) {
            sb.append(String.format("%3d|%-11s|%s (%s)%n", b.getBundleId(), names.getOrDefault(b.getState(), "?"),
                    b.getSymbolicName(), b.getVersion()));
        }
        return new CommandFrontend.Result(0, sb.toString(), "");
    }
}
