package org.pkttables.io.mode;

import java.util.List;
import java.util.function.Function;

import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.api.NamedCommand;

/**
 * A command without arguments that shows one table of the running bridge or router ({@code ports},
 * {@code workers}); the bridge and the router are both bound, the one running is shown (both say why
 * they are idle when neither runs).
 */
abstract class ModeTableCommand extends NamedCommand {
    private final List<BridgeControl> modes;
    private final Function<BridgeControl, String> table;

    ModeTableCommand(String name, String help, List<BridgeControl> modes, Function<BridgeControl, String> table) {
        super(name, help);
        this.modes = List.copyOf(modes);
        this.table = table;
    }

    @Override
    public final Result run(List<String> args, String stdin) {
        if (!args.isEmpty()) {
            return new Result(2, "", name() + ": takes no arguments\n");
        }
        return new Result(0, BridgeControl.show(modes, table), "");
    }
}
