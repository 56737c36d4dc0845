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
    private final ListTemplate listTemplate;
    private final T listDefault;
    private final ListTemplate listInverted;

    private Param(String option, List<String> aliases, ParamType<T> type, boolean invertible, boolean mandatory,
            String help) {
        this(option, aliases, type, invertible, mandatory, help, null, null, null);
    }

    private Param(String option, List<String> aliases, ParamType<T> type, boolean invertible, boolean mandatory,
            String help, ListTemplate listTemplate, T listDefault, ListTemplate listInverted) {
        this.option = option;
        this.aliases = aliases;
        this.type = type;
        this.invertible = invertible;
        this.mandatory = mandatory;
        this.help = help;
        this.listTemplate = listTemplate;
        this.listDefault = listDefault;
        this.listInverted = listInverted;
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
        return new Param<>(option, List.copyOf(a), type, invertible, mandatory, help, listTemplate, listDefault,
                listInverted);
    }

    public Param<T> invertible() {
        return new Param<>(option, aliases, type, true, mandatory, help, listTemplate, listDefault, listInverted);
    }

    public Param<T> mandatory() {
        return new Param<>(option, aliases, type, invertible, true, help, listTemplate, listDefault, listInverted);
    }

    public Param<T> help(String text) {
        return new Param<>(option, aliases, type, invertible, mandatory, text, listTemplate, listDefault, listInverted);
    }

    /**
     * How {@code iptables -L} prints this parameter ({@link ListTemplate}: {@code "dpt{s}:{!}{v}"}), the same
     * with and without {@code -n}.
     *
     * @since 1.5.0
     */
    public Param<T> listed(String pattern) {
        return new Param<>(option, aliases, type, invertible, mandatory, help, ListTemplate.of(pattern), listDefault,
                listInverted);
    }

    /**
     * How {@code iptables -L} prints this parameter, one pattern under {@code -n}, another with names.
     *
     * @since 1.5.0
     */
    public Param<T> listed(String numericPattern, String namedPattern) {
        return new Param<>(option, aliases, type, invertible, mandatory, help,
                ListTemplate.of(numericPattern, namedPattern), listDefault, listInverted);
    }

    /**
     * The value {@code iptables -L} shows when the rule does not give this parameter (the target's default,
     * as {@code reject-with icmp-port-unreachable}); needs a template.
     *
     * @since 1.5.0
     */
    public Param<T> listedDefault(T value) {
        return new Param<>(option, aliases, type, invertible, mandatory, help, listTemplate, Objects.requireNonNull(value),
                listInverted);
    }

    /**
     * How {@code iptables -L} prints this parameter when inverted, where the {@code !} placeholders cannot say
     * it ({@code TTL != 5} beside {@code TTL == 5}).
     *
     * @since 1.5.0
     */
    public Param<T> listedInverted(String pattern) {
        return new Param<>(option, aliases, type, invertible, mandatory, help, listTemplate, listDefault,
                ListTemplate.of(pattern));
    }

    /** The template for an inverted value, or null (then {@link #listTemplate()}). @since 1.5.0 */
    public ListTemplate listInverted() {
        return listInverted;
    }

    /** The listing template, or null when the parameter lists in save syntax. @since 1.5.0 */
    public ListTemplate listTemplate() {
        return listTemplate;
    }

    /** The value listed when the parameter is not given, or null. @since 1.5.0 */
    public T listDefault() {
        return listDefault;
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
