package org.pkttables.cli.xtables;

import org.pkttables.api.RulesetException;

/**
 * The words iptables 1.8.9 (nf_tables) prints when the kernel refuses a change command (its
 * {@code nft_strerror} table: "iptables: No chain/target/match by that name.", exit 1), which scripts and
 * tools such as fail2ban match. The engine's own messages name more (the chain, the table, the number
 * of rules) and stay for restore lines and the other front ends; only a command line's refusal is
 * reworded, and only the refusals iptables has words of its own for.
 */
final class NftRefusal {
    static final String NO_CHAIN = "No chain/target/match by that name.";
    static final String BAD_RULE = "Bad rule (does a matching rule exist in that chain?).";

    private NftRefusal() {
    }

    /** iptables' words for the engine's refusal of command {@code c}, else {@code refused} itself. */
    static RulesetException of(ChangeCommand c, RulesetException refused) {
        String words = words(c, refused.getMessage() == null ? "" : refused.getMessage());
        return words == null ? refused : new RulesetException(words, refused);
    }

    private static String words(ChangeCommand c, String m) {
        if (m.startsWith("chain `") && m.endsWith("' does not exist")) {
            if (c.command == 'P') {
                return "Bad built-in chain name.";
            }
            return c.command == 'D' && c.position <= 0 ? BAD_RULE : NO_CHAIN;
        }
        if (m.startsWith("Bad rule (")) {
            return BAD_RULE;
        }
        if (m.startsWith("index of insertion too big")) {
            return "Index of insertion too big.";
        }
        // In an empty chain 1.8.9 finds no rule to delete or replace at all: the kernel's ENOENT.
        if (m.startsWith("index of deletion too big")) {
            return m.contains("' has 0 rules") ? NO_CHAIN : "Index of deletion too big.";
        }
        if (m.startsWith("index of replacement too big")) {
            return m.contains("' has 0 rules") ? NO_CHAIN : "Index of replacement too big.";
        }
        if (m.startsWith("Chain already exists")) {
            return c.command == 'E' ? "File exists." : "Chain already exists.";
        }
        if (m.startsWith("can't set policy on user-defined chain")) {
            return "Bad built-in chain name.";
        }
        return null;
    }
}
