package org.pkttables.api;

/**
 * A {@link CommandExtension} with a fixed word and line of help, given to the constructor: what most
 * commands share. A DS component extending it keeps its {@code @Component} on its own class.
 */
public abstract class NamedCommand implements CommandExtension {
    private final String name;
    private final String help;

    protected NamedCommand(String name, String help) {
        this.name = name;
        this.help = help;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String help() {
        return help;
    }
}
