package org.pkttables.api;

/**
 * A rule the engine refuses as it compiles it: an option's value, a combination of options, or the table
 * or chain it is added to. {@link #kernelError()} says which of iptables 1.8.9's two refusals it is: null
 * for what its own parser refuses (a parameter problem, exit 2), else the error the kernel refuses the rule
 * with ({@code Invalid argument}: {@code RULE_APPEND failed (Invalid argument)}, exit 4).
 * {@link #getMessage()} is pkttables' own account, naming what and where ({@code match "connbytes": --connbytes:
 * ...}), for its own commands and logs; {@link #toolWords()}, when known, is what iptables 1.8.9 prints for the
 * same refusal, which the drop-in tools (iptables, ip6tables, arptables, ebtables and their -restore) print.
 *
 * @since 1.5.0
 */
public class RuleRefusedException extends RulesetException {
    private static final long serialVersionUID = 1L;
    private final String kernelError;
    private final String toolWords;

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
        this(message, cause, kernelError, null);
    }

    /**
     * @param kernelError the kernel's error as {@code strerror} words it, or null for a parameter problem
     * @param toolWords   iptables 1.8.9's own words for it (see {@link #toolWords()}), or null when not known
     * @since 1.6.0
     */
    public RuleRefusedException(String message, Throwable cause, String kernelError, String toolWords) {
        super(message, cause);
        this.kernelError = kernelError;
        this.toolWords = toolWords;
    }

    /**
     * What iptables 1.8.9 prints for this refusal after {@code iptables v1.8.9 (nf_tables): } (its
     * {@code xtables_error} text, without the tool's name, which the front end adds), ending in a newline
     * where 1.8.9's text does (a blank line follows it there: {@code connlimit: bad value for option
     * "--connlimit-above", or out of range (0-4294967295).\n}); null when pkttables does not know them, and
     * {@link #getMessage()} stands in.
     *
     * @since 1.6.0
     */
    public String toolWords() {
        return toolWords;
    }

    /** The kernel's error ({@code Invalid argument}) when it is the kernel that refuses the rule, else null. */
    public String kernelError() {
        return kernelError;
    }
}
