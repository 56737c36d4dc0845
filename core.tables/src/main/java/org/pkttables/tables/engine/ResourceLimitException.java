package org.pkttables.tables.engine;

import org.pkttables.api.RulesetException;

/**
 * A change the engine refuses because it would pass one of its limits (such as the depth of jumps
 * from a built-in chain), not because the command was wrong: iptables exits 4 for it (RESOURCE_PROBLEM).
 */
public class ResourceLimitException extends RulesetException {
    private static final long serialVersionUID = 1L;

    public ResourceLimitException(String message) {
        super(message);
    }
}
