package org.pkttables.api;

import java.util.List;

/**
 * A rule as written, before compilation: the base options, the matches in order and the target,
 * each as its option words ({@code ["--dport", "22"]}, {@code ["!", "-s", "10.0.0.1"]}). The core
 * keeps rules in this form too, so a rule whose extension goes away is still listed and rebinds
 * from the same words when it comes back.
 *
 * @param base      base option words ({@code -s -d -p -i -o -f} …)
 * @param matches   the {@code -m} matches in order
 * @param target    the {@code -j} target, a chain to jump to, or null for none
 * @param gotoChain true when {@code target} names a chain entered with {@code -g}
 */
public record RuleSpec(List<String> base, List<Call> matches, Call target, boolean gotoChain) {
    public RuleSpec {
        base = List.copyOf(base);
        matches = List.copyOf(matches);
    }

    /** One extension use in a rule: its name and its option words. */
    public record Call(String name, List<String> words) {
        public Call {
            words = List.copyOf(words);
        }
    }
}
