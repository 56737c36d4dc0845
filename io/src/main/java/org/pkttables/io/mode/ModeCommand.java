package org.pkttables.io.mode;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.api.NamedCommand;
import org.pkttables.io.bridge.BridgeSettings;

/**
 * {@code mode router|bridge IF1,IF2[,...] [--workers N]}, {@code mode off}, {@code mode}: starts, stops or
 * shows the appliance's mode on its ports. Meant for the {@code --config} script (router mode next to
 * the {@code ip addr}/{@code ip route} lines that give it its addresses and routes); works through
 * {@code ctl} too. One mode at a time: the other must be off first.
 */
@Component(name = "org.pkttables.io.wire.ModeCommand", service = CommandExtension.class)
public final class ModeCommand extends NamedCommand {
    private static final String USAGE = "usage: mode [router|bridge IF1,IF2[,...] [--workers N] | off]\n";
    private final List<ModeControl> modes;

    @Activate
    public ModeCommand(@Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE,
            policyOption = ReferencePolicyOption.GREEDY) List<ModeControl> modes) {
        super("mode", "mode [router|bridge IF1,IF2[,...] [--workers N] | off]: start, stop or show router or bridge "
                + "mode");
        this.modes = List.copyOf(modes);
    }

    @Override
    public Result run(List<String> args, String stdin) {
        if (args.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (ModeControl m : modes) {
                sb.append(m.status()).append('\n');
            }
            return new Result(0, sb.toString(), "");
        }
        if (args.get(0).equals("off")) {
            if (args.size() != 1) {
                return new Result(2, "", USAGE);
            }
            for (ModeControl m : modes) {
                m.off();
            }
            return new Result(0, "", "");
        }
        ModeControl chosen = null;
        for (ModeControl m : modes) {
            if (m.mode().equals(args.get(0))) {
                chosen = m;
            }
        }
        if (chosen == null) {
            return new Result(2, "", "mode: unknown mode `" + args.get(0) + "'\n" + USAGE);
        }
        if (args.size() != 2 && !(args.size() == 4 && args.get(2).equals("--workers"))) {
            return new Result(2, "", USAGE);
        }
        int workers = 0;
        if (args.size() == 4) {
            try {
                workers = Integer.parseInt(args.get(3));
            } catch (NumberFormatException e) {
                return new Result(2, "", "mode: --workers `" + args.get(3) + "' is not a number\n");
            }
        }
        for (ModeControl m : modes) {
            if (m != chosen && m.running()) {
                return new Result(1, "", "mode: " + m.mode() + " mode is running and owns its ports: `mode off' "
                        + "first\n");
            }
        }
        try {
            chosen.start(BridgeSettings.parsePorts(args.get(1)), workers);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return new Result(1, "", "mode: " + e.getMessage() + "\n");
        }
        return new Result(0, chosen.status() + "\n", "");
    }
}
