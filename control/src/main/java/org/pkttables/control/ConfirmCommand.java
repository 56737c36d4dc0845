package org.pkttables.control;

import java.util.List;

import org.pkttables.api.CommandFrontend;
import org.pkttables.api.NamedCommand;

/** {@code confirm}: keeps the generation an {@code apply} made (see {@link SafeApply}). */
final class ConfirmCommand extends NamedCommand {
    private final SafeApply apply;

    ConfirmCommand(SafeApply apply) {
        super("confirm", "confirm: keep the ruleset the waiting `apply' loaded (else it is rolled back)");
        this.apply = apply;
    }

    @Override
    public CommandFrontend.Result run(List<String> args, String stdin) {
        if (!args.isEmpty()) {
            return new CommandFrontend.Result(2, "", "confirm: takes no arguments\n");
        }
        return apply.confirm(Caller.current());
    }
}
