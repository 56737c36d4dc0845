package org.pkttables.cli.xtables;

import java.util.ArrayList;
import java.util.List;

import org.pkttables.api.Family;
import org.pkttables.api.RuleSpec;
import org.pkttables.api.RulesetException;
import org.pkttables.api.Transaction;

/**
 * One parsed command line of iptables, ip6tables, arptables or ebtables, and the one routine that
 * applies a change command to a batch: every tool's command line and restore go through {@link #apply}.
 * What differs between the tools comes from their {@link Dialect}: how rule words become a rule, which
 * policies a chain takes, and the message for words a command does not take.
 */
abstract class ChangeCommand {
    char command;
    String table = "filter";
    String chain;
    String arg2;
    int position = -1;
    long[] setCounters;
    final List<String> ruleWords = new ArrayList<>();

    /** A tool's words for what its commands share. */
    interface Dialect {
        /** The rule of {@code c}'s rule words; {@code lenient} keeps extensions that are not loaded (restore). */
        RuleSpec rule(ChangeCommand c, boolean lenient) throws RulesetException;

        /** {@code -P CHAIN POLICY}, checked as the tool checks it (rule words already refused). */
        void policy(Transaction tx, ChangeCommand c) throws RulesetException;

        /** Fails, in the tool's words, when a command that takes no rule was given rule words. */
        void noRule(ChangeCommand c) throws RulesetException;
    }

    /**
     * Applies this change command to {@code tx} for family {@code f}.
     *
     * @param lenient rules appended or inserted may name extensions that are not loaded (restore of
     *                saved state: they fail closed until the extension arrives)
     */
    final void apply(Family f, Transaction tx, boolean lenient, Dialect d) throws RulesetException {
        switch (command) {
            case 'A':
                tx.append(f, table, chain, d.rule(this, lenient));
                counters(tx);
                break;
            case 'I':
                tx.insert(f, table, chain, position > 0 ? position : 1, d.rule(this, lenient));
                counters(tx);
                break;
            case 'R':
                tx.replace(f, table, chain, position, d.rule(this, false));
                counters(tx);
                break;
            case 'D':
                if (position > 0) {
                    d.noRule(this);
                    tx.delete(f, table, chain, position);
                } else {
                    tx.delete(f, table, chain, d.rule(this, false));
                }
                break;
            case 'N':
                d.noRule(this);
                tx.newChain(f, table, chain);
                // ebtables -N CHAIN -P POLICY: user chains return here.
                if (arg2 != null && !arg2.equals("RETURN")) {
                    throw new RulesetException("policy " + arg2 + " of a user-defined chain is not supported"
                            + " (pkttables: user chains return)");
                }
                break;
            case 'X':
                d.noRule(this);
                tx.deleteChain(f, table, chain);
                break;
            case 'E':
                d.noRule(this);
                tx.renameChain(f, table, chain, arg2);
                break;
            case 'P':
                d.noRule(this);
                d.policy(tx, this);
                break;
            case 'F':
                d.noRule(this);
                tx.flush(f, table, chain);
                break;
            case 'Z':
                d.noRule(this);
                if (position > 0) {
                    tx.zero(f, table, chain, position);
                } else {
                    tx.zero(f, table, chain);
                }
                break;
            case 'i':
                // ebtables --init-table
                d.noRule(this);
                tx.resetTable(f, table);
                break;
            default:
                throw new IptablesFrontend.UsageException("command -" + command + " not allowed here", null);
        }
    }

    private void counters(Transaction tx) throws RulesetException {
        if (setCounters != null) {
            tx.counters(setCounters[0], setCounters[1]);
        }
    }
}
