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
}
