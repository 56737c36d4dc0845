package org.pkttables.api.ext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One option of a match, target or base rule, as {@code xt_option_entry}: its canonical spelling,
 * aliases, value type, whether it may be negated with {@code !}, whether it is mandatory, and help.
 * Immutable; the fluent methods return copies.
 *
 * @param <T> value type
 */
public final class Param<T> {
    private final String option;
    private final List<String> aliases;
    private final ParamType<T> type;
    private final boolean invertible;
    private final boolean mandatory;
    private final String help;

    private Param(String option, List<String> aliases, ParamType<T> type, boolean invertible, boolean mandatory,
            String help) {
        this.option = option;
        this.aliases = aliases;
        this.type = type;
        this.invertible = invertible;
        this.mandatory = mandatory;
        this.help = help;
    }

    /**
     * A parameter written as {@code option} ({@code --dport}, or {@code -s} for base options) whose
     * value has the given type.
     */
    public static <T> Param<T> of(String option, ParamType<T> type) {
        if (!option.startsWith("-")) {
            throw new IllegalArgumentException("option must start with '-': " + option);
        }
        return new Param<>(option, List.of(), Objects.requireNonNull(type), false, false, "");
    }

    public Param<T> alias(String... more) {
        List<String> a = new ArrayList<>(aliases);
        Collections.addAll(a, more);
        return new Param<>(option, List.copyOf(a), type, invertible, mandatory, help);
    }

    public Param<T> invertible() {
        return new Param<>(option, aliases, type, true, mandatory, help);
    }

    public Param<T> mandatory() {
        return new Param<>(option, aliases, type, invertible, true, help);
    }

    public Param<T> help(String text) {
        return new Param<>(option, aliases, type, invertible, mandatory, text);
    }

    /** Canonical spelling, used in listing and save. */
    public String option() {
        return option;
    }

    public List<String> aliases() {
        return aliases;
    }

    public ParamType<T> type() {
        return type;
    }

    public boolean isInvertible() {
        return invertible;
    }

    public boolean isMandatory() {
        return mandatory;
    }

    public String help() {
        return help;
    }

    /** True when {@code word} is the canonical option or one of its aliases. */
    public boolean accepts(String word) {
        return option.equals(word) || aliases.contains(word);
    }

    @Override
    public String toString() {
        return option;
    }
}
