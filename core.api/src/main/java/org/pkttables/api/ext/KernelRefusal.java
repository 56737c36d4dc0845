package org.pkttables.api.ext;

/**
 * What an extension type throws from {@link MatchType#compile}, {@link TargetType#compile} or a
 * {@link ParamType}'s parse for a value or combination that iptables 1.8.9's own parser lets through and
 * the kernel refuses when the rule is added (the extension's {@code checkentry}): the tools then say
 * {@code RULE_APPEND failed (Invalid argument)} and exit 4. A plain {@link IllegalArgumentException} is what
 * iptables' parser refuses itself (its {@code xtables_error(PARAMETER_PROBLEM)}, exit 2).
 *
 * @since 1.6.0
 */
public class KernelRefusal extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    /** EINVAL's text, what most {@code checkentry} functions return. */
    public static final String INVALID_ARGUMENT = "Invalid argument";
    /** ENOENT's text: the kernel has no such helper, algorithm ... */
    public static final String NO_SUCH_FILE = "No such file or directory";

    private final String error;

    /** Refused with EINVAL ({@link #INVALID_ARGUMENT}); {@code message} says what and why. */
    public KernelRefusal(String message) {
        this(message, INVALID_ARGUMENT);
    }

    /** Refused with the error whose {@code strerror} text is {@code error}. */
    public KernelRefusal(String message, String error) {
        super(message);
        this.error = java.util.Objects.requireNonNull(error, "error");
    }

    /** The kernel's error as {@code strerror} words it ({@code Invalid argument}). */
    public String error() {
        return error;
    }
}
