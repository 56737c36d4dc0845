package org.pkttables.api;

import java.util.List;

/**
 * A rule as listed: its handle, its canonical words (save form, without {@code -A CHAIN}), its
 * counters, and the extension it is waiting for when it is failing closed.
 *
 * @param handle  stable identity of the rule within its table
 * @param words   canonical words as {@code iptables -S} prints them
 * @param packets packet counter
 * @param bytes   byte counter
 * @param missing name of the absent extension that makes this rule fail closed, or null when bound
 * @param spec    the rule's canonical words grouped per extension (base options, matches, target)
 */
public record RuleInfo(long handle, List<String> words, long packets, long bytes, String missing, RuleSpec spec) {
    public RuleInfo {
        words = List.copyOf(words);
    }

    public boolean bound() {
        return missing == null;
    }
}
