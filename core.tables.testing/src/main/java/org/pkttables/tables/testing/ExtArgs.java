package org.pkttables.tables.testing;

import java.util.List;
import java.util.Locale;

import org.pkttables.api.Family;
import org.pkttables.api.RulesetException;
import org.pkttables.api.ShellWords;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.tables.engine.Engine;

/**
 * Reads one extension's option words into {@link Args} and lists them back with the core's own option
 * parser, so a match or target type can be tested (parsing, canonical form, compile) without a Harness,
 * an L3 handler or a whole rule.
 *
 * @since 1.1.0
 */
public final class ExtArgs {
    private ExtArgs() {
    }

    /**
     * The options in {@code line} (shell words, {@code !} inverts the next option) for a rule of family
     * {@code f} in table filter whose {@code -p} is {@code proto} (-1 for none).
     *
     * @throws IllegalArgumentException the value type's own exception for a bad value (so its exact message
     *     can be asserted), otherwise one with the core's message (unknown option, missing argument,
     *     mandatory option missing, ...)
     */
    public static Args parse(ExtensionDescriptor d, Family f, int proto, String line) {
        Args.Builder b = Args.builder(f, "filter").protocol(proto, false);
        try {
            Engine.parseOptions(d, ShellWords.split(line), b, d.kind().name().toLowerCase(Locale.ROOT) + " \"" + d.name() + "\"");
        } catch (RulesetException e) {
            if (e.getCause() instanceof IllegalArgumentException) {
                throw (IllegalArgumentException) e.getCause();
            }
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return b.build();
    }

    /** The canonical listing of {@code a}, as the core prints it but without iptables-save's quoting. */
    public static String text(ExtensionDescriptor d, Args a) {
        List<String> words = Engine.optionWords(d, a);
        return String.join(" ", words);
    }
}
