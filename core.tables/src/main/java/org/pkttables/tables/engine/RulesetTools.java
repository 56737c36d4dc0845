package org.pkttables.tables.engine;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.api.RulesetException;
import org.pkttables.api.TraceListener;
import org.pkttables.api.Transaction;
import org.pkttables.api.ext.L3Handler;

/**
 * What the xtables command-line tools need from the engine beyond {@link org.pkttables.api.Ruleset}
 * and {@link org.pkttables.api.ext.ExtensionRegistry}: the family's L3 handler and the option arities
 * (to split rule words), the batch's view of chains (restore), save's table order, the explain walk and
 * trace events. The core
 * offers it as a service next to the Ruleset; {@link Engine#tools()} without OSGi.
 */
@ProviderType
public interface RulesetTools {
    /** The tables of {@code f} configured at least once, in the order iptables-nft saves them. */
    List<String> usedTables(Family f);

    /**
     * A batch in which rules naming an extension that is not loaded are kept and fail closed until it
     * is (restoring saved state at start, {@code -restore --fail-closed-missing}).
     */
    Transaction beginFailClosed();

    /** Whether {@code tx}'s own view of the table has {@code chain} (a batch from this engine). */
    boolean chainExists(Transaction tx, Family f, String table, String chain) throws RulesetException;

    /** Whether {@code chain} is a built-in chain of the table in {@code tx}'s view. */
    boolean isBuiltin(Transaction tx, Family f, String table, String chain) throws RulesetException;

    /** The L3 handler of {@code f}, or null when the family is not loaded. */
    L3Handler handler(Family f);

    /** The number of value words rule option {@code option} takes in whichever loaded descriptor knows it, 0 if none. */
    int optionArity(String option);

    /**
     * Walks a parsed packet through the live ruleset along {@code hooks} as the evaluator would, writing
     * each rule it matches, each jump and return and the verdict to {@code out}; counts nothing. Targets
     * run against {@code p} (a copy the caller owns). Returns the final verdict.
     */
    int explain(PacketContext p, Hook[] hooks, List<String> out);

    /** Adds a listener for the steps of packets marked with {@code -j TRACE}, until removed. */
    void startTrace(TraceListener l);

    /** Ends what {@link #startTrace} began. */
    void stopTrace(TraceListener l);
}
