package org.pkttables.shell;

/** A pkttables command ended with a non-zero exit code; Gogo prints the message. */
public final class CommandFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int exit;

    CommandFailedException(String command, int exit, String message) {
        super(message.isBlank() ? command + " failed with exit code " + exit : message.strip());
        this.exit = exit;
    }

    /** The command's exit code (iptables: 1 other error, 2 invalid parameters, ...). */
    public int exit() {
        return exit;
    }
}
