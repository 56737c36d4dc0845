package org.pkttables.control;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.pkttables.api.CallerFiles;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.CommandRegistry;
import org.pkttables.api.StreamingCommand;

/** A command registry for the tests: {@code ping}, {@code help} and a test frontend's commands. */
final class TestCommands {
    private TestCommands() {
    }

    /** The registry with {@code first} (claiming their words before the frontend), ping and the frontend. */
    static CommandRegistryComponent of(CommandFrontend frontend, CommandExtension... first) {
        CommandRegistryComponent r = new CommandRegistryComponent();
        for (CommandExtension c : first) {
            r.add(c, Map.of());
        }
        r.add(new PingCommand(), Map.of());
        r.add(new Frontend(frontend), Map.of(CommandRegistry.NAMES, frontend.commands().toArray(new String[0])));
        return r;
    }

    /** The body of a test stream. */
    interface Body {
        int stream(List<String> args, StreamingCommand.Sink sink) throws IOException, InterruptedException;
    }

    /** A streaming command {@code name}: streams when {@code streams} holds, else runs as {@code frontend}'s. */
    static StreamingCommand streaming(String name, Predicate<List<String>> streams, Body body,
            CommandFrontend frontend) {
        return new StreamingCommand() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String help() {
                return "test stream";
            }

            @Override
            public CommandFrontend.Result run(List<String> args, String stdin) {
                return frontend.run(name, args, stdin);
            }

            @Override
            public boolean streams(List<String> args) {
                return streams.test(args);
            }

            @Override
            public int stream(List<String> args, Sink sink) throws IOException, InterruptedException {
                return body.stream(args, sink);
            }
        };
    }

    /** A test frontend as one service answering to all its words. */
    private record Frontend(CommandFrontend frontend) implements CommandExtension {
        @Override
        public String name() {
            return frontend.commands().get(0);
        }

        @Override
        public String help() {
            return "test frontend";
        }

        @Override
        public CommandFrontend.Result run(List<String> args, String stdin) {
            return frontend.run(name(), args, stdin);
        }

        @Override
        public CommandFrontend.Result run(String name, List<String> args, String stdin, CallerFiles files) {
            return frontend.run(name, args, stdin, files);
        }
    }
}
