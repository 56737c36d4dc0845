package org.pkttables.cli.xtables;

import org.pkttables.api.RulesetException;

/**
 * A refusal whose whole standard-error text and exit code are the real tool's own, printed as they are
 * (no command name before them): iptables 1.8.9 (nf_tables) words some failures as
 * {@code iptables v1.8.9 (nf_tables): ...} with an exit code of their own (3 for a table it does not
 * know, 4 for a chain the kernel cannot delete), without the usage hint of a bad command line.
 */
final class ToolError extends RulesetException {
    private static final long serialVersionUID = 1L;
    /** The tool's exit code. */
    final int exit;

    ToolError(String text, int exit, Throwable cause) {
        super(text, cause);
        this.exit = exit;
    }
}
