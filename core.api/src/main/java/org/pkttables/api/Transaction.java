package org.pkttables.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A batch of ruleset changes that commits atomically or not at all (iptables-restore, API batches).
 * Each operation is checked when it is made, against the batch's own view of the ruleset, and throws
 * naming the problem; nothing is visible to packets or listeners until {@link #commit()}. A batch that
 * is not committed (or whose commit fails) leaves the live ruleset exactly as it was.
 *
 * <p>Positions are 1-based, as in iptables.
 */
@ProviderType
public interface Transaction extends AutoCloseable {
    Transaction append(Family f, String table, String chain, RuleSpec rule) throws RulesetException;

    Transaction insert(Family f, String table, String chain, int position, RuleSpec rule) throws RulesetException;

    Transaction replace(Family f, String table, String chain, int position, RuleSpec rule) throws RulesetException;

    Transaction delete(Family f, String table, String chain, int position) throws RulesetException;

    /** Deletes the first rule equal to {@code rule} (iptables -D CHAIN rule). */
    Transaction delete(Family f, String table, String chain, RuleSpec rule) throws RulesetException;

    Transaction newChain(Family f, String table, String chain) throws RulesetException;

    /** Deletes a user chain; {@code chain == null} deletes every unreferenced-by-builtin user chain (-X). */
    Transaction deleteChain(Family f, String table, String chain) throws RulesetException;

    Transaction renameChain(Family f, String table, String from, String to) throws RulesetException;

    /** Flushes one chain, or every chain of the table when {@code chain == null}. */
    Transaction flush(Family f, String table, String chain) throws RulesetException;

    /** Zeroes counters of one chain (and its rules), or of the whole table when {@code chain == null}. */
    Transaction zero(Family f, String table, String chain) throws RulesetException;

    /** Zeroes the counters of rule {@code position} of {@code chain} (iptables -Z CHAIN N). */
    Transaction zero(Family f, String table, String chain, int position) throws RulesetException;

    Transaction policy(Family f, String table, String chain, int verdict) throws RulesetException;

    /** Sets a built-in chain's policy counters (iptables-restore {@code [pkts:bytes]}, with -c). */
    Transaction policyCounters(Family f, String table, String chain, long packets, long bytes)
            throws RulesetException;

    /** Sets the counters of the last rule added by this batch (iptables-restore -c {@code [p:b] -A …}). */
    Transaction counters(long packets, long bytes) throws RulesetException;

    /** Empties a whole table: rules, user chains, policies back to ACCEPT (restore without --noflush). */
    Transaction resetTable(Family f, String table) throws RulesetException;

    /** Publishes every change as one new generation, then tells the listeners. */
    long commit() throws RulesetException;

    /** Drops the batch if not committed. */
    @Override
    void close();
}
