package org.pkttables.control;

import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend;

/**
 * {@code bundle stop|start ID|SYMBOLIC-NAME}: stops or starts one bundle of the framework (as Gogo's
 * {@code stop}/{@code start}), e.g. {@code core.nat} to take the NAT engine away and back under traffic.
 * The framework bundle and the control bundle itself are refused: stopping them would end the command's
 * own channel. A stop is transient: the bundle starts again with the next run of the appliance.
 */
@Component(service = CommandExtension.class)
public final class BundleCommand implements CommandExtension {
    private static final String USAGE = "usage: bundle stop|start ID|SYMBOLIC-NAME\n";
    private final BundleContext context;

    @Activate
    public BundleCommand(BundleContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "bundle";
    }

    @Override
    public String help() {
        return "bundle stop|start ID|NAME: stops or starts one bundle (transiently)";
    }

    @Override
    public CommandFrontend.Result run(List<String> args, String stdin) {
        if (args.size() != 2 || !(args.get(0).equals("stop") || args.get(0).equals("start"))) {
            return new CommandFrontend.Result(2, "", "bundle: " + (args.isEmpty() ? "no action" : "bad arguments "
                    + args) + "\n" + USAGE);
        }
        Bundle b = find(args.get(1));
        if (b == null) {
            return new CommandFrontend.Result(1, "", "bundle: no bundle `" + args.get(1) + "' (see `lb')\n");
        }
        if (b.getBundleId() == 0 || b.getBundleId() == context.getBundle().getBundleId()) {
            return new CommandFrontend.Result(1, "", "bundle: `" + b.getSymbolicName()
                    + "' cannot be stopped or started from the control socket\n");
        }
        try {
            if (args.get(0).equals("stop")) {
                b.stop(Bundle.STOP_TRANSIENT);
            } else {
                b.start(Bundle.START_TRANSIENT);
            }
        } catch (BundleException | IllegalStateException e) {
            return new CommandFrontend.Result(1, "", "bundle: " + args.get(0) + " " + b.getSymbolicName() + ": "
                    + e.getMessage() + "\n");
        }
        return new CommandFrontend.Result(0, "", "");
    }

    private Bundle find(String which) {
        if (which.chars().allMatch(Character::isDigit) && !which.isEmpty() && which.length() < 10) {
            return context.getBundle(Long.parseLong(which));
        }
        for (Bundle b : context.getBundles()) {
            if (which.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }
}
