package org.pkttables.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A command of the command line ({@code iptables}, {@code conntrack}, {@code replay}, {@code ports} …),
 * found by the whiteboard pattern: every service of this type is in the {@link CommandRegistry}, which
 * the Gogo console, the control socket, {@code batch} and {@code --config} scripts all run commands from.
 * Adding a command is one DS component class providing this service, in any bundle. A service that
 * answers to several words lists them in the {@link CommandRegistry#NAMES} service property and is
 * called through {@link #run(String, List, String, CallerFiles)} with the word it was called by.
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

    /**
     * Runs the command called {@code name}: one of the words in its {@link CommandRegistry#NAMES} service
     * property (a service with one name gets {@link #name()}). The default ignores the name and calls
     * {@link #run(List, String, CallerFiles)}; a service answering to several words overrides it.
     */
    default CommandFrontend.Result run(String name, List<String> args, String stdin, CallerFiles files) {
        return run(args, stdin, files);
    }
}
