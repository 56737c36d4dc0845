package org.pkttables.control;

import java.util.List;

import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.CommandRegistry;

/** {@code help}: the names of every command in the registry. */
final class HelpCommand implements CommandExtension {
    private final CommandRegistry registry;

    HelpCommand(CommandRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String help() {
        return "help: lists the commands";
    }

    @Override
    public CommandFrontend.Result run(List<String> args, String stdin) {
        return new CommandFrontend.Result(0, "commands: " + String.join(" ", registry.commands()) + "\n", "");
    }
}
