package org.pkttables.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.StreamingCommand;
import org.pkttables.control.client.RestoreFile;
import org.pkttables.control.client.StrictUtf8Lines;

/**
 * One Gogo command ({@code pkt:iptables}, {@code pkt:ip6tables-save} ...) that hands its words to the
 * {@link CommandFrontend} unchanged. Registered as a raw {@link Function} so Gogo does no option
 * parsing or type coercion of its own: {@code -A}, {@code !} and {@code --comment "a b"} arrive as the
 * user typed them (Gogo has already removed the quotes, as a POSIX shell would).
 */
final class FrontendCommand implements Function {
    private final CommandFrontend frontend;
    private final String name;
    /** The extension behind this command when its output can stream ({@code conntrack -E}); else null. */
    private final StreamingCommand streaming;

    FrontendCommand(CommandFrontend frontend, String name) {
        this(frontend, name, null);
    }

    FrontendCommand(CommandFrontend frontend, String name, StreamingCommand streaming) {
        this.frontend = frontend;
        this.name = name;
        this.streaming = streaming;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws Exception {
        List<String> words = new ArrayList<>(arguments.size());
        for (Object a : arguments) {
            // Gogo turns the bare words true/false/null into values; give them back as words.
            words.add(String.valueOf(a));
        }
        if (streaming != null && streaming.streams(words)) {
            // Live until Ctrl-C (Gogo interrupts the command's thread).
            int exit = streaming.stream(words, new StreamingCommand.Sink() {
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
            });
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
        CommandFrontend.Result r = frontend.run(name, words, stdin);
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
