package org.pkttables.api.ext;

import java.util.List;

/**
 * How one kind of parameter value is read from the command line and written back in canonical form.
 * Instances are immutable and shared; {@link ParamTypes} has the common ones.
 *
 * @param <T> the parsed value type (immutable)
 */
public abstract class ParamType<T> {
    private final String name;
    private final int arity;

    protected ParamType(String name, int arity) {
        this.name = name;
        this.arity = arity;
    }

    /** Short name of the type for help and JSON ({@code port[:port]}, {@code mac}). */
    public final String name() {
        return name;
    }

    /** Number of command-line words the value takes (0 for flags such as {@code --syn}). */
    public final int arity() {
        return arity;
    }

    /**
     * Parses {@link #arity()} words.
     *
     * @throws IllegalArgumentException with a message naming the bad value
     */
    public abstract T parse(List<String> words);

    /** The canonical words, as iptables -S prints them. */
    public abstract List<String> format(T value);

    /**
     * The words {@code iptables -L} prints for the value: names (a port's service) unless
     * {@code ctx.numeric()}. No words: the parameter is left out of the listing (a port range of every
     * port), unless inverted. Default: {@link #format}.
     *
     * @since 1.5.0
     */
    public List<String> listed(T value, ListContext ctx) {
        return format(value);
    }

    /**
     * Whether the value is several (a range {@code 1:2}), for {@code {s}} in a {@link ListTemplate}.
     * Default: false.
     *
     * @since 1.5.0
     */
    public boolean plural(T value) {
        return false;
    }

    /** Valid values for completion and help; empty when free-form. */
    public List<String> validValues() {
        return List.of();
    }

    /** True when save output must quote the value if it holds characters beyond [A-Za-z0-9_-]. */
    public boolean quoted() {
        return false;
    }

    @Override
    public String toString() {
        return name;
    }
}
