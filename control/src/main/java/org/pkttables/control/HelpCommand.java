package org.pkttables.control;

import java.util.List;

import org.pkttables.api.CommandFrontend;
import org.pkttables.api.CommandRegistry;
import org.pkttables.api.NamedCommand;

/** {@code help}: the names of every command in the registry. */
final class HelpCommand extends NamedCommand {
    private final CommandRegistry registry;

    HelpCommand(CommandRegistry registry) {
        super("help", "help: lists the commands");
        this.registry = registry;
    }

    @Override
    public CommandFrontend.Result run(List<String> args, String stdin) {
        return new CommandFrontend.Result(0, "commands: " + String.join(" ", registry.commands()) + "\n", "");
    }
}
