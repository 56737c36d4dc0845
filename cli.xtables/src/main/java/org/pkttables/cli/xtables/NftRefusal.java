package org.pkttables.cli.xtables;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pkttables.api.Family;
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

    /**
     * A refusal whose whole text (no {@code iptables: } before it) and exit code are iptables-nft's own:
     * what the kernel answered to a batch (CHAIN_DEL failed, exit 4), a listing's chain it cannot find.
     */
    static final class Failed extends RulesetException {
        private static final long serialVersionUID = 1L;
        final int exit;

        Failed(int exit, String wholeText) {
            super(wholeText);
            this.exit = exit;
        }
    }

    /** A bad port in a rule, however the engine words it: the port word is group 1. */
    private static final Pattern BAD_PORT = Pattern.compile("invalid port(?:/service)? \"([^\"]*)\"");

    /**
     * A rule naming a set that is not there or of the other family (libxt_set: a parameter problem whose
     * text ends in a newline).
     */
    private static final Pattern NO_SET = Pattern.compile("(?:match \"set\"|target \"SET\"): (Set \\S+ doesn't "
            + "exist\\.|The protocol family of set \\S+ is \\S+, which is not applicable\\.)");

    /**
     * iptables' words (and exit code) for the engine's refusal of command {@code c} of tool {@code f}, else
     * {@code refused} itself.
     */
    static RulesetException of(Family f, ChangeCommand c, RulesetException refused) {
        String m = refused.getMessage() == null ? "" : refused.getMessage();
        // Values iptables checks as it parses the command line: a parameter problem, exit 2.
        Matcher port = BAD_PORT.matcher(m);
        if (port.find()) {
            return IptablesFrontend.UsageException.of(f, new RulesetException("invalid port/service `" + port.group(1)
                    + "' specified", refused));
        }
        Matcher set = NO_SET.matcher(m);
        if (set.matches()) {
            return IptablesFrontend.UsageException.of(f, new RulesetException(set.group(1) + "\n", refused));
        }
        // A chain that is not empty or that rules jump to: the kernel's EBUSY for the batch's chain deletion.
        // (-X without a chain deletes them all: the engine names the one it could not delete)
        if (c.command == 'X' && m.startsWith("can't delete chain `") && m.indexOf("': ") > 20) {
            return new Failed(4, f.tool() + " v1.8.9 (nf_tables):  CHAIN_DEL failed (Device or resource busy): chain "
                    + m.substring(20, m.indexOf("': ")));
        }
        String words = words(c, m);
        return words == null ? refused : new RulesetException(words, refused);
    }

    private static String words(ChangeCommand c, String m) {
        if (m.startsWith("chain `") && m.endsWith("' does not exist")) {
            if (c.command == 'P') {
                return "Bad built-in chain name.";
            }
            return c.command == 'C' || c.command == 'D' && c.position <= 0 ? BAD_RULE : NO_CHAIN;
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
