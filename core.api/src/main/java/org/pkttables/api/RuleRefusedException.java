package org.pkttables.api;

/**
 * A rule the engine refuses as it compiles it: an option's value, a combination of options, or the table
 * or chain it is added to. {@link #kernelError()} says which of iptables 1.8.9's two refusals it is: null
 * for what its own parser refuses (a parameter problem, exit 2), else the error the kernel refuses the rule
 * with ({@code Invalid argument}: {@code RULE_APPEND failed (Invalid argument)}, exit 4).
 *
 * @since 1.5.0
 */
public class RuleRefusedException extends RulesetException {
    private static final long serialVersionUID = 1L;
    private final String kernelError;

    /** A parameter problem (iptables' parser refuses it). */
    public RuleRefusedException(String message) {
        this(message, null, null);
    }

    /** A parameter problem (iptables' parser refuses it). */
    public RuleRefusedException(String message, Throwable cause) {
        this(message, cause, null);
    }

    /**
     * @param kernelError the kernel's error as {@code strerror} words it, or null for a parameter problem
     */
    public RuleRefusedException(String message, Throwable cause, String kernelError) {
        super(message, cause);
        this.kernelError = kernelError;
    }

    /** The kernel's error ({@code Invalid argument}) when it is the kernel that refuses the rule, else null. */
    public String kernelError() {
        return kernelError;
    }
}
