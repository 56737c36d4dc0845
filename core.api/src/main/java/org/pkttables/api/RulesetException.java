package org.pkttables.api;

/** A rule or ruleset change that cannot be made; the message says what and where. */
public class RulesetException extends Exception {
    private static final long serialVersionUID = 1L;

    public RulesetException(String message) {
        super(message);
    }

    public RulesetException(String message, Throwable cause) {
        super(message, cause);
    }
}
