package org.pkttables.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A command another bundle adds to the command line ({@code replay}, {@code ports} …), found by the
 * whiteboard pattern. The shell, the control socket and {@code batch} reach it through
 * {@link CommandFrontend#run}, like the built-in commands.
 */
@ConsumerType
public interface CommandExtension {
    /** The command word. */
    String name();

    /** One line of help. */
    String help();

    CommandFrontend.Result run(List<String> args, String stdin);

    /**
     * Runs the command for a caller whose files it reads or writes through {@code files} (see
     * {@link CallerFiles}). A command that opens files its caller names overrides this method and opens
     * them only through {@code files}; the default ignores them and calls {@link #run(List, String)}.
     */
    default CommandFrontend.Result run(List<String> args, String stdin, CallerFiles files) {
        return run(args, stdin);
    }
}
