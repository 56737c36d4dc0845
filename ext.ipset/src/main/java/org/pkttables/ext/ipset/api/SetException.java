package org.pkttables.ext.ipset.api;

/**
 * A set operation that failed, with the message the real ipset prints for the same problem
 * ({@code Element cannot be added to the set: it's already added}), without its {@code ipset vX:} prefix.
 */
public class SetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean usage;

    public SetException(String message) {
        this(message, false);
    }

    /** @param usage true for a command-line usage error (ipset exits 2 and points to its help) */
    public SetException(String message, boolean usage) {
        super(message);
        this.usage = usage;
    }

    public SetException(String message, Throwable cause) {
        super(message, cause);
        this.usage = false;
    }

    public boolean usage() {
        return usage;
    }
}
