package org.pkttables.cli.xtables;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pkttables.api.Family;
import org.pkttables.api.RuleRefusedException;
import org.pkttables.api.RulesetException;

/**
 * The words iptables 1.8.9 (nf_tables) prints when the kernel refuses a change command (its
 * {@code nft_strerror} table: "iptables: No chain/target/match by that name.", exit 1), which scripts and
 * tools such as fail2ban match. The engine's own messages name more (the chain, the table, the number
 * of rules) and stay for restore lines and the other front ends; only a command line's refusal is
 * reworded, and only the refusals iptables has words of its own for. Some of those are whole
 * {@code iptables v1.8.9 (nf_tables): ...} lines with exit codes of their own ({@link ToolError}): a chain
 * the kernel will not delete (a built-in one, one that rules jump to or that still has rules: its
 * {@code CHAIN_DEL} fails with EBUSY, exit 4), a chain to list that is not there, a table it does not know
 * (exit 3).
 */
final class NftRefusal {
    static final String NO_CHAIN = "No chain/target/match by that name.";
    static final String BAD_RULE = "Bad rule (does a matching rule exist in that chain?).";
    /** A word the parser cannot place: 1.8.9 prints "Bad argument `WORD'" without its version prefix. */
    static final String BAD_ARGUMENT = "Bad argument `";

    private NftRefusal() {
    }

    /** A bad port in a rule, however the engine words it: the port word is group 1. */
    private static final Pattern BAD_PORT = Pattern.compile("invalid port(?:/service)? \"([^\"]*)\"");

    /**
     * A rule naming a set that is not there or of the other family (libxt_set: a parameter problem whose
     * text ends in a newline).
     */
    private static final Pattern NO_SET = Pattern.compile("(?:match \"set\"|target \"SET\"): (Set \\S+ doesn't "
            + "exist\\.|The protocol family of set \\S+ is \\S+, which is not applicable\\.)");

    /** iptables' words (and exit code) for the engine's refusal of command {@code c}, else {@code refused} itself. */
    static RulesetException of(Family f, ChangeCommand c, RulesetException refused) {
        String m = refused.getMessage() == null ? "" : refused.getMessage();
        RuleRefusedException r = ruleRefusal(refused);
        boolean worded = r != null && r.toolWords() != null;
        // Values iptables checks as it parses the command line: a parameter problem, exit 2 (in 1.8.9's words
        // when the engine gives them, else recognised in its message).
        Matcher port = BAD_PORT.matcher(m);
        if (!worded && port.find()) {
            return IptablesFrontend.UsageException.of(f, new RulesetException("invalid port/service `" + port.group(1)
                    + "' specified", refused));
        }
        Matcher set = NO_SET.matcher(m);
        if (!worded && set.matches()) {
            return IptablesFrontend.UsageException.of(f, new RulesetException(set.group(1) + "\n", refused));
        }
        RulesetException rule = ofRule(f, c.command, c.chain, refused);
        if (rule != null) {
            return rule;
        }
        // A chain the kernel will not delete (built-in, jumped to, not empty): CHAIN_DEL's EBUSY, exit 4.
        // (-X without a chain deletes them all: the engine names the one it could not delete)
        String busy = chainNotDeleted(m);
        if (busy != null && c.command == 'X') {
            return new ToolError(prefix(f) + "  CHAIN_DEL failed (Device or resource busy): chain " + busy, 4, refused);
        }
        String words = words(c, m);
        return words == null ? refused : new RulesetException(words, refused);
    }

    /**
     * A rule the engine refused as it compiled it ({@link RuleRefusedException}), in 1.8.9's words for
     * {@code command} of {@code tool} to {@code chain}: what iptables' parser refuses is its parameter
     * problem (exit 2); what the kernel refuses fails the change as {@code RULE_APPEND failed (Invalid
     * argument): rule in chain INPUT} (RULE_INSERT for -I, RULE_REPLACE for -R; exit 4), while -C and -D
     * find no such rule ("Bad rule", exit 1). Null when {@code refused} is some other refusal.
     */
    static RulesetException ofRule(Family f, char command, String chain, RulesetException refused) {
        RuleRefusedException r = ruleRefusal(refused);
        if (r == null || refused instanceof ToolError || refused instanceof IptablesFrontend.UsageException) {
            return null;
        }
        if (r.kernelError() == null) {
            return IptablesFrontend.UsageException.of(f, r);
        }
        String change = change(command);
        if (change == null) {
            return new RulesetException(BAD_RULE, refused); // -C, -D: no rule can match it
        }
        return new ToolError(prefix(f) + "  " + change + " failed (" + r.kernelError() + "): rule in chain " + chain
                + why(r), 4, refused);
    }

    /**
     * A rule of a restore file ({@code line}, command {@code c}) the engine refused as it compiled it, as
     * 1.8.9's {@code TOOL-restore} says it: a parameter problem names the line after the message ("Error
     * occurred at line: N", exit 2); the kernel's refusal is {@code line N: RULE_APPEND failed (Invalid
     * argument): rule in chain C} (exit 4). Null for any other failure (the caller names the line its way).
     */
    static RulesetException ofRestoredRule(Family f, RestoreLine line, ChangeCommand c, Exception e) {
        RuleRefusedException r = ruleRefusal(e);
        if (r == null || c == null) {
            return null;
        }
        String tool = f.tool() + "-restore";
        if (r.kernelError() == null) {
            return new IptablesFrontend.UsageException(tool + " v1.8.9 (nf_tables): " + words(r)
                    + "\nError occurred at line: " + line.number() + "\nTry `" + tool + " -h' or '" + tool
                    + " --help' for more information.", e, true);
        }
        String change = change(c.command);
        if (change == null) {
            return null;
        }
        return new ToolError(tool + " v1.8.9 (nf_tables): \nline " + line.number() + ": " + change + " failed ("
                + r.kernelError() + "): rule in chain " + c.chain + why(r), 4, e);
    }

    /**
     * What 1.8.9 prints for refusal {@code e} after {@code iptables v1.8.9 (nf_tables): }: its own words when the
     * engine knows them ({@link RuleRefusedException#toolWords()}, a trailing newline making the blank line
     * 1.8.9 prints there), else the engine's message.
     */
    static String words(RulesetException e) {
        return e instanceof RuleRefusedException r && r.toolWords() != null ? r.toolWords() : e.getMessage();
    }

    /**
     * The first line(s) 1.8.9's {@code tool} prints for parameter problem {@code e}: {@code TOOL v1.8.9 (nf_tables):
     * WORDS}, except its "Bad argument" (printed without the prefix).
     */
    static String problem(String tool, RulesetException e) {
        String w = words(e);
        return w != null && w.startsWith(BAD_ARGUMENT) ? w : tool + " v1.8.9 (nf_tables): " + w;
    }

    /**
     * A restore file's line whose words iptables' parser refuses (an unknown option, a stray word, two -j):
     * 1.8.9's restore prints the problem, then {@code Error occurred at line: N}, exit 2.
     */
    static IptablesFrontend.UsageException ofRestoredWords(Family f, RestoreLine line, RulesetException e) {
        String tool = f.tool() + "-restore";
        return new IptablesFrontend.UsageException(problem(tool, e) + "\nError occurred at line: " + line.number()
                + "\nTry `" + tool + " -h' or '" + tool + " --help' for more information.", e, true);
    }

    /**
     * What the kernel's check found, on a line of its own after 1.8.9's words (which scripts match): where
     * 1.8.9 sends the reader to dmesg, pkttables says it.
     */
    private static String why(RuleRefusedException r) {
        return "\n(" + r.getMessage() + ")";
    }

    /** The nf_tables operation of a change command that adds a rule ({@code RULE_APPEND} for -A), else null. */
    private static String change(char command) {
        return switch (command) {
            case 'A' -> "RULE_APPEND";
            case 'I' -> "RULE_INSERT";
            case 'R' -> "RULE_REPLACE";
            default -> null;
        };
    }

    /** The {@link RuleRefusedException} that {@code e} is or was caused by, else null. */
    static RuleRefusedException ruleRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RuleRefusedException r) {
                return r;
            }
        }
        return null;
    }

    /** {@code -L CHAIN} / {@code -S CHAIN} of a chain that is not there: 1.8.9's words for it, exit 1. */
    static ToolError noChainToList(Family f, IptablesCommand c) {
        return new ToolError(prefix(f) + " chain `" + c.chain + "' in table `" + c.table
                + "' is incompatible, use 'nft' tool.", 1, null);
    }

    /**
     * A table iptables, ip6tables or arptables does not know ({@code -t nope}), whatever the command: 1.8.9's
     * words and its exit code 3 (VERSION_PROBLEM); any other refusal is {@code refused} itself.
     */
    static RulesetException ofTable(Family f, RulesetException refused) {
        String m = refused.getMessage() == null ? "" : refused.getMessage();
        String start = "can't initialize " + f.tool() + " table `";
        // (while the family's handler is not loaded, the engine's words say so, and stay)
        if (!m.startsWith(start) || m.indexOf('\'', start.length()) < 0 || !m.contains("(valid: ")) {
            return refused;
        }
        String table = m.substring(start.length(), m.indexOf('\'', start.length()));
        return new ToolError(prefix(f) + " table '" + table + "' does not exist\nPerhaps " + f.tool()
                + " or your kernel needs to be upgraded.", 3, refused);
    }

    /** {@code iptables v1.8.9 (nf_tables):}, as xtables_error() begins its lines. */
    private static String prefix(Family f) {
        return f.tool() + " v1.8.9 (nf_tables):";
    }

    /** The chain of the engine's "can't delete (built-in) chain `NAME'..." refusals, else null. */
    private static String chainNotDeleted(String m) {
        for (String start : new String[] { "can't delete chain `", "can't delete built-in chain `" }) {
            if (m.startsWith(start)) {
                int end = m.indexOf('\'', start.length());
                return end < 0 ? null : m.substring(start.length(), end);
            }
        }
        return null;
    }

    /**
     * Whether 1.8.9 does not refuse it at all: {@code -Z CHAIN N} past the last rule of a chain that has
     * rules zeroes nothing and succeeds.
     */
    static boolean notRefused(ChangeCommand c, RulesetException refused) {
        String m = refused.getMessage() == null ? "" : refused.getMessage();
        return c.command == 'Z' && c.position > 0 && m.startsWith("index of rule too big")
                && !m.contains("' has 0 rules");
    }

    private static String words(ChangeCommand c, String m) {
        if (c.command == 'Z' && c.position > 0 && (m.startsWith("index of rule too big")
                || m.startsWith("chain `") && m.endsWith("' does not exist"))) {
            return BAD_RULE; // rule N of an empty or missing chain (past the end of one with rules: notRefused)
        }
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
        if (m.startsWith("bad policy name `")) {
            return "Bad policy name. Run `dmesg' for more information.";
        }
        if (m.startsWith("can't rename built-in chain `")) {
            return NO_CHAIN;
        }
        return null;
    }
}
