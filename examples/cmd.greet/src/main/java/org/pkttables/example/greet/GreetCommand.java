package org.pkttables.example.greet;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend;

/**
 * A command in a bundle of its own, and all it takes to add one: this one class. Installed next to the
 * appliance it is at the Gogo console ({@code pkt:greet}), through {@code ctl} and in {@code batch} and
 * {@code --config} scripts, and listed by {@code help} (the command registry finds it). {@code greet WORDS}
 * answers {@code hello WORDS} and remembers the words; {@code greet --calls} lists the calls so far (words
 * joined by {@code |}); {@code greet --fail} exits 3. Used by the itest {@code CommandFromAnyBundleIT} and
 * the e2e {@code BatchRunsDeployedCommandIT}; never part of the appliance.
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
