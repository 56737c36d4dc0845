package org.pkttables.io.mode;

import java.util.List;
import java.util.function.Function;

import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend.Result;

/**
 * A command without arguments that shows one table of the running bridge or router ({@code ports},
 * {@code workers}); the bridge and the router are both bound, the one running is shown (both say why
 * they are idle when neither runs).
 */
abstract class ModeTableCommand implements CommandExtension {
    private final String name;
    private final String help;
    private final List<BridgeControl> modes;
    private final Function<BridgeControl, String> table;

    ModeTableCommand(String name, String help, List<BridgeControl> modes, Function<BridgeControl, String> table) {
        this.name = name;
        this.help = help;
        this.modes = List.copyOf(modes);
        this.table = table;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String help() {
        return help;
    }

    @Override
    public final Result run(List<String> args, String stdin) {
        if (!args.isEmpty()) {
            return new Result(2, "", name + ": takes no arguments\n");
        }
        return new Result(0, BridgeControl.show(modes, table), "");
    }
}
