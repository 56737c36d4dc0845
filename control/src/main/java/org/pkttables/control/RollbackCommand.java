package org.pkttables.control;

import java.util.List;

import org.pkttables.api.CommandFrontend;
import org.pkttables.api.NamedCommand;

/** {@code rollback GEN}: the ruleset of a generation of the history again, atomically per family. */
final class RollbackCommand extends NamedCommand {
    private final SafeApply apply;

    RollbackCommand(SafeApply apply) {
        super("rollback", "rollback GEN: make the ruleset that of generation GEN of `history' again (a new generation)");
        this.apply = apply;
    }

    @Override
    public CommandFrontend.Result run(List<String> args, String stdin) {
        if (args.size() != 1) {
            return new CommandFrontend.Result(2, "", "rollback: usage: rollback GEN (a generation `history' lists)\n");
        }
        long gen = HistoryCommand.generation(args.get(0));
        if (gen < 0) {
            return new CommandFrontend.Result(2, "", "rollback: `" + args.get(0) + "' is not a generation number\n");
        }
        return apply.rollback(Caller.current(), gen);
    }
}
