package org.pkttables.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The iptables-compatible command line, generated from the extension descriptors: {@code iptables},
 * {@code ip6tables}, {@code arptables}, their {@code -save} and {@code -restore}, {@code ext}. Its words
 * are commands of the {@link CommandRegistry}, through which the shell, the control socket and
 * {@code batch} run them; the saved state is loaded and saved through it. None of them parses rules.
 */
@ProviderType
public interface CommandFrontend {
    /** Output and exit status of one command. */
    record Result(int exit, String out, String err) {
        public boolean ok() {
            return exit == 0;
        }
    }

    /** The commands {@link #run} understands. */
    List<String> commands();

    /**
     * Runs one command.
     *
     * @param command the tool name ({@code iptables}, {@code ip6tables-restore}, {@code ext} …)
     * @param args    its arguments, exactly as a shell would pass them
     * @param stdin   what the command reads as standard input (restore files), or null
     */
    Result run(String command, List<String> args, String stdin);

    /**
     * Runs one command for a caller whose files a command opens through {@code files} (the control
     * socket passes the {@code ctl} client's). {@link #run(String, List, String)} runs with the files of
     * this process ({@link CallerFiles#local()}).
     */
    default Result run(String command, List<String> args, String stdin, CallerFiles files) {
        return run(command, args, stdin);
    }
}
