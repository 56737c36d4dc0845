package org.pkttables.control;

import java.io.IOException;
import java.util.List;

import org.pkttables.api.CallerFiles;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.StreamingCommand;

/**
 * One word of a service that answers to several ({@code iptables-save} of the xtables frontend): a
 * command named by that word whose runs pass it on to the service. A service with one word is used as it
 * is.
 */
class BoundCommand implements CommandExtension {
    private final String name;
    private final CommandExtension service;

    BoundCommand(String name, CommandExtension service) {
        this.name = name;
        this.service = service;
    }

    /** {@code service} itself when it answers to one word, else a command bound to {@code name}. */
    static CommandExtension of(String name, CommandExtension service, boolean several) {
        if (!several) {
            return service;
        }
        return service instanceof StreamingCommand s ? new Streaming(name, s) : new BoundCommand(name, service);
    }

    /** The service behind a command {@link #of} returned. */
    static CommandExtension service(CommandExtension c) {
        return c instanceof BoundCommand b ? b.service : c;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String help() {
        return service.help();
    }

    @Override
    public CommandFrontend.Result run(List<String> args, String stdin) {
        return service.run(name, args, stdin, CallerFiles.local());
    }

    @Override
    public CommandFrontend.Result run(List<String> args, String stdin, CallerFiles files) {
        return service.run(name, args, stdin, files);
    }

    @Override
    public CommandFrontend.Result run(String word, List<String> args, String stdin, CallerFiles files) {
        return service.run(word, args, stdin, files);
    }

    /** A streaming service's further word: streams as the service does. */
    private static final class Streaming extends BoundCommand implements StreamingCommand {
        private final StreamingCommand service;

        Streaming(String name, StreamingCommand service) {
            super(name, service);
            this.service = service;
        }

        @Override
        public boolean streams(List<String> args) {
            return service.streams(args);
        }

        @Override
        public int stream(List<String> args, Sink sink) throws IOException, InterruptedException {
            return service.stream(args, sink);
        }
    }
}
