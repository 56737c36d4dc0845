package org.pkttables.shell;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.pkttables.api.CommandFrontend;
import org.pkttables.control.client.RestoreFile;

/**
 * One Gogo command ({@code pkt:iptables}, {@code pkt:ip6tables-save} ...) that hands its words to the
 * {@link CommandFrontend} unchanged. Registered as a raw {@link Function} so Gogo does no option
 * parsing or type coercion of its own: {@code -A}, {@code !} and {@code --comment "a b"} arrive as the
 * user typed them (Gogo has already removed the quotes, as a POSIX shell would).
 */
final class FrontendCommand implements Function {
    private final CommandFrontend frontend;
    private final String name;

    FrontendCommand(CommandFrontend frontend, String name) {
        this.frontend = frontend;
        this.name = name;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws Exception {
        List<String> words = new ArrayList<>(arguments.size());
        for (Object a : arguments) {
            // Gogo turns the bare words true/false/null into values; give them back as words.
            words.add(String.valueOf(a));
        }
        String stdin = null;
        if (RestoreFile.isRestore(name)) {
            RestoreFile rf = RestoreFile.split(words);
            words = rf.options();
            stdin = rf.file() == null ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(resolve(session, rf.file()));
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
