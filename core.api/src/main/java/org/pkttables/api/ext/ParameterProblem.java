package org.pkttables.api.ext;

import java.util.Locale;

/**
 * A value or combination that iptables 1.8.9's own parser refuses (its {@code xtables_error(PARAMETER_PROBLEM)},
 * exit 2), thrown by a {@link ParamType}'s parse or an extension's {@code compile} when pkttables knows 1.8.9's
 * words for it. {@link #getMessage()} is pkttables' account (the engine puts the extension and option before
 * it, for its own commands and logs); {@link #toolWords(String, String)} is what iptables 1.8.9 prints, which the
 * drop-in tools print. A plain {@link IllegalArgumentException} is the same refusal without those words.
 *
 * <p>The words may name the extension and the option, as libxtables' generic messages do ({@code
 * connlimit: bad value for option "--connlimit-above", or out of range (0-4294967295).}): they are then a
 * template where {@code %1$s} is the extension's name and {@code %2$s} the option as written
 * ({@code --connlimit-above}), filled by the engine, which knows both. A trailing newline is part of the words
 * where 1.8.9's text ends in one (the tool then prints a blank line after it).
 *
 * @since 1.7.0
 */
public class ParameterProblem extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String toolWords;
    private final boolean template;

    /** Refused with 1.8.9's {@code toolWords} as they are ({@code Invalid MAC address specified.}). */
    public ParameterProblem(String message, String toolWords) {
        this(message, toolWords, false);
    }

    private ParameterProblem(String message, String toolWords, boolean template) {
        super(message);
        this.toolWords = java.util.Objects.requireNonNull(toolWords, "toolWords");
        this.template = template;
    }

    /**
     * Refused with 1.8.9's {@code toolWords}, which say enough to be pkttables' message too (the engine puts the
     * extension and option before it); a trailing newline is left out of the message.
     */
    public static ParameterProblem of(String toolWords) {
        return new ParameterProblem(toolWords.endsWith("\n") ? toolWords.substring(0, toolWords.length() - 1)
                : toolWords, toolWords);
    }

    /** {@link #of(String)} caused by {@code cause}. */
    public static ParameterProblem of(String toolWords, Throwable cause) {
        ParameterProblem p = of(toolWords);
        p.initCause(cause);
        return p;
    }

    /**
     * Refused with words naming the extension ({@code %1$s}) and the option ({@code %2$s}), as libxtables'
     * generic messages do.
     */
    public static ParameterProblem ofOption(String message, String template) {
        return new ParameterProblem(message, template, true);
    }

    /**
     * libxtables' refusal of an integer option's value, a number outside {@code min..max} or no number
     * ({@code NAME: bad value for option "--OPT", or out of range (MIN-MAX).} and a blank line).
     */
    public static ParameterProblem outOfRange(String message, long min, long max) {
        return ofOption(message, "%1$s: bad value for option \"%2$s\", or out of range (" + Long.toUnsignedString(min)
                + "-" + Long.toUnsignedString(max) + ").\n");
    }

    /**
     * libxtables' refusal of one number of a {@code value[:value]} option ({@code NAME: bad value for option
     * "--OPT" near "REST", or out of range (0-MAX).} and a blank line), {@code near} the text from the bad
     * number on.
     */
    public static ParameterProblem outOfRangeNear(String message, String near, long max) {
        return ofOption(message, "%1$s: bad value for option \"%2$s\" near \"" + near.replace("%", "%%")
                + "\", or out of range (0-" + Long.toUnsignedString(max) + ").\n");
    }

    /**
     * 1.8.9's words for the refusal of option {@code option} of extension {@code extension} (either may be
     * null when not known: a template then stands in with {@code ?}).
     */
    public String toolWords(String extension, String option) {
        if (!template) {
            return toolWords;
        }
        return String.format(Locale.ROOT, toolWords, extension == null ? "?" : extension, option == null ? "?" : option);
    }

    /** Whether the words name the extension or the option, and so need them ({@link #toolWords(String, String)}). */
    public boolean namesOption() {
        return template;
    }
}
