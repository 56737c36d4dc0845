package org.pkttables.itest.greet;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend;

/**
 * A command from a bundle of its own ({@link org.pkttables.itest.CommandFromAnyBundleIT} builds it from this
 * one class): {@code greet WORDS} answers {@code hello WORDS} and remembers them; {@code greet --calls} lists
 * what it was called with; {@code greet --fail} exits 3.
 */
@Component(service = CommandExtension.class)
public final class GreetCommand implements CommandExtension {
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "greet";
    }

    @Override
    public String help() {
        return "greet WORDS: answers hello WORDS";
    }

    @Override
    public CommandFrontend.Result run(List<String> args, String stdin) {
        if (args.equals(List.of("--calls"))) {
            return new CommandFrontend.Result(0, String.join("\n", calls) + "\n", "");
        }
        if (args.contains("--fail")) {
            return new CommandFrontend.Result(3, "", "greet: told to fail\n");
        }
        calls.add(String.join("|", args));
        return new CommandFrontend.Result(0, "hello " + String.join(" ", args) + "\n", "");
    }
}
