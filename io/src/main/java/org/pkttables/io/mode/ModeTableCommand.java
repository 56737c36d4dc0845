package org.pkttables.io.mode;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.jr.ob.JSON;

import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.api.NamedCommand;

/**
 * A command that shows one table of the running bridge or router ({@code ports}, {@code workers}),
 * as text or with {@code --json} as data; the bridge and the router are both bound, the one running is
 * shown (both say why they are idle when neither runs).
 */
abstract class ModeTableCommand extends NamedCommand {
    private final List<BridgeControl> modes;
    private final Function<BridgeControl, String> table;
    private final Function<BridgeControl, Map<String, Object>> data;

    ModeTableCommand(String name, String help, List<BridgeControl> modes, Function<BridgeControl, String> table,
            Function<BridgeControl, Map<String, Object>> data) {
        super(name, help);
        this.modes = List.copyOf(modes);
        this.table = table;
        this.data = data;
    }

    @Override
    public final Result run(List<String> args, String stdin) {
        if (args.equals(List.of("--json"))) {
            return json(BridgeControl.data(modes, data, table));
        }
        if (!args.isEmpty()) {
            return new Result(2, "", name() + ": takes no arguments but --json\n");
        }
        return new Result(0, BridgeControl.show(modes, table), "");
    }

    /** One JSON document as a command's answer. */
    static Result json(Object value) {
        try {
            return new Result(0, JSON.std.asString(value) + "\n", "");
        } catch (IOException e) {
            return new Result(1, "", "cannot write JSON: " + e.getMessage() + "\n");
        }
    }
}
