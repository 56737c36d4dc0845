package org.pkttables.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.pkttables.api.CallerFiles;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.CommandRegistry;
import org.pkttables.api.StreamingCommand;
import org.pkttables.control.client.RestoreFile;
import org.pkttables.control.client.StrictUtf8Lines;

/**
 * One Gogo command ({@code pkt:iptables}, {@code pkt:ip6tables-save}, {@code pkt:monitor} ...) that hands
 * its words unchanged to the command of that name in the {@link CommandRegistry}. Registered as a raw
 * {@link Function} so Gogo does no option parsing or type coercion of its own: {@code -A}, {@code !} and {@code --comment "a b"} arrive as the
 * user typed them (Gogo has already removed the quotes, as a POSIX shell would).
 */
final class FrontendCommand implements Function {
    /** A stream at the console: straight to its output, live until Ctrl-C. */
    private static final StreamingCommand.Sink CONSOLE = new StreamingCommand.Sink() {
        @Override
        public void out(String text) {
            System.out.print(text);
            System.out.flush();
        }

        @Override
        public void err(String text) {
            System.err.print(text);
            System.err.flush();
        }

        @Override
        public void keepAlive() {
            // the console cannot tell; Ctrl-C ends the stream
        }
    };

    private final CommandRegistry registry;
    private final String name;

    FrontendCommand(CommandRegistry registry, String name) {
        this.registry = registry;
        this.name = name;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws Exception {
        List<String> words = new ArrayList<>(arguments.size());
        for (Object a : arguments) {
            // Gogo turns the bare words true/false/null into values; give them back as words.
            words.add(String.valueOf(a));
        }
        CommandExtension command = registry.command(name);
        if (command == null) {
            // Gone between the lookup and the call (its bundle stopped).
            throw new CommandFailedException(name, 127, name + ": unknown command (its bundle has stopped)");
        }
        if (command instanceof StreamingCommand streaming && streaming.streams(words)) {
            int exit;
            try {
                exit = streaming.stream(words, CONSOLE);
            } catch (InterruptedException e) {
                // Ctrl-C (Gogo interrupts the command's thread): the usual end of a live stream.
                Thread.currentThread().interrupt();
                return null;
            }
            if (exit != 0) {
                throw new CommandFailedException(name, exit, "");
            }
            return null;
        }
        String stdin = null;
        if (RestoreFile.isRestore(name)) {
            RestoreFile rf = RestoreFile.split(words);
            words = rf.options();
            // Strict UTF-8, as every input file: a bad byte is refused naming file, line and column.
            stdin = rf.file() == null ? StrictUtf8Lines.decode("<stdin>", System.in.readAllBytes())
                    : StrictUtf8Lines.read(resolve(session, rf.file()));
        }
        CommandFrontend.Result r = command.run(words, stdin, CallerFiles.local());
        System.out.print(r.out());
        System.out.flush();
        if (!r.ok()) {
            throw new CommandFailedException(name, r.exit(), r.err());
        }
        System.err.print(r.err());
        return null;
    }

    private static Path resolve(CommandSession session, String file) {
        Path dir = session.currentDir();
        return dir == null ? Path.of(file) : dir.resolve(file);
    }
}
