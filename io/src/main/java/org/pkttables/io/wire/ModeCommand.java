package org.pkttables.io.wire;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend.Result;

/**
 * {@code mode router IF1,IF2[,...] [--workers N]}, {@code mode off}, {@code mode}: starts, stops or shows
 * router mode. Meant for the {@code --config} script, next to the {@code ip addr}/{@code ip route} lines
 * that give the router its addresses and routes. (Bridge mode is {@code run --bridge} or pid
 * {@code org.pkttables.io.bridge}.)
 */
@Component(service = CommandExtension.class)
public final class ModeCommand implements CommandExtension {
    private static final String USAGE = "usage: mode [router IF1,IF2[,...] [--workers N] | off]\n";
    private final RouterControl router;

    @Activate
    public ModeCommand(@Reference RouterControl router) {
        this.router = router;
    }

    @Override
    public String name() {
        return "mode";
    }

    @Override
    public String help() {
        return "mode [router IF1,IF2[,...] [--workers N] | off]: start, stop or show router mode";
    }

    @Override
    public Result run(List<String> args, String stdin) {
        if (args.isEmpty()) {
            return new Result(0, router.status() + "\n", "");
        }
        switch (args.get(0)) {
            case "off":
                if (args.size() != 1) {
                    return new Result(2, "", USAGE);
                }
                router.off();
                return new Result(0, "", "");
            case "router":
                break;
            case "bridge":
                return new Result(2, "", "mode: bridge mode is started with `run --bridge IF1,IF2' or ConfigAdmin pid "
                        + "org.pkttables.io.bridge\n");
            default:
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
        try {
            router.route(BridgeSettings.parsePorts(args.get(1)), workers);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return new Result(1, "", "mode: " + e.getMessage() + "\n");
        }
        return new Result(0, router.status() + "\n", "");
    }
}
