package org.pkttables.ext.ipset.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The IP sets of the appliance, as the {@code ipset} command manages them. Every change takes effect
 * at once for the rules that use the set, without touching the ruleset, and is safe while packets are
 * being looked up. All methods throw {@link SetException} with ipset's wording when they fail.
 */
@ProviderType
public interface SetService {
    /**
     * Creates a set.
     *
     * @param type    the set type ({@code hash:ip}, {@code hash:net,port} …)
     * @param options the create options as words ({@code family inet6 timeout 300 counters})
     * @param exist   with true, an existing set of the same type and options is not an error
     */
    void create(String name, String type, List<String> options, boolean exist);

    /** Destroys one set, or every set when {@code name} is null; a set a rule or list:set uses is refused. */
    void destroy(String name);

    void rename(String from, String to);

    /** Exchanges the contents of two sets of the same type and family, atomically for the rules using them. */
    void swap(String a, String b);

    /** Removes every entry of one set, or of every set when {@code name} is null. */
    void flush(String name);

    /**
     * Adds an entry.
     *
     * @param entry the element followed by its options ({@code ["10.0.0.1", "timeout", "60"]})
     * @param exist with true, an entry already there is not an error (its timeout and options are renewed)
     */
    void add(String name, List<String> entry, boolean exist);

    void del(String name, String element, boolean exist);

    /** True when the element is in the set (a nomatch entry answers false). */
    boolean test(String name, String element);

    /** The names of the sets, in ipset's listing order. */
    List<String> names();

    /** One set ({@code name}) or all (null), printed as ipset prints them. */
    String list(String name, ListFormat format);

    /** One set ({@code name}) or all (null) in restore syntax, as {@code ipset save} prints them. */
    default String save(String name) {
        return list(name, ListFormat.SAVE);
    }

    /**
     * Applies a file in ipset save/restore syntax (create, add, del, flush, destroy, rename, swap lines)
     * all at once: if any line fails, nothing changes and the error names the line.
     */
    void restore(String text, boolean exist);
}
