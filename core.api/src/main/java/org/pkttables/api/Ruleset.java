package org.pkttables.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The pkt_tables ruleset service: tables of chains of rules for every registered family, changed only
 * through {@link Transaction}s and read lock-free by the packet path.
 */
@ProviderType
public interface Ruleset {
    /** Starts a batch of changes. */
    Transaction begin();

    /** The generation of the live ruleset; every commit adds one. */
    long generation();

    /** Names of the tables a family has ({@code filter, mangle, raw, nat} …). */
    List<String> tables(Family f);

    /** A consistent snapshot of one table. */
    TableInfo table(Family f, String table) throws RulesetException;

    /** True when {@code chain} holds a rule equal to {@code rule} (iptables -C). */
    boolean contains(Family f, String table, String chain, RuleSpec rule) throws RulesetException;

    /**
     * Runs the hook pipeline for a packet whose family, hook and offsets are already set (the L3
     * handler has parsed it): every table and registered {@link HookFunction} at that hook, in
     * priority order. Returns the final verdict.
     */
    int process(PacketContext p);

    /**
     * Runs one table that the core does not hook itself ({@code nat}: its owner, the NAT engine, runs it
     * for the first packet of a connection only) on a packet whose family, hook and offsets are set:
     * the table's built-in chain of {@link PacketContext#hook()}, its rules, counters and policy, as
     * {@link #process} runs a hooked table. Returns that chain's verdict; ACCEPT when the table has no
     * chain at that hook or does not exist. Allocation-free.
     *
     * @since 1.4.0
     */
    int evaluate(String table, PacketContext p);

    /**
     * A step a hook function took for a traced packet ({@link PacketContext#traced()}; nothing for others),
     * for the trace listeners next to the rules it matched: the NAT engine's translation of a connection's
     * first packet ({@code table} nat, {@code chain} the hook's chain). A {@link TraceEvent} with rule -1.
     *
     * @since 1.4.0
     */
    default void traceStep(PacketContext p, String table, String chain, String text) {
    }

    /** Parses the frame with the family's L3 handler, starting at {@code l3Offset}; false if malformed. */
    boolean parse(Family f, PacketContext p, int l3Offset);

    /** Packets dropped because a rule they reached uses an extension that is not loaded. */
    long failClosedDrops();

    /**
     * Packets dropped because an extension threw while deciding about them (a match, a target, a hook
     * function, an L3 handler): the packet is dropped, counted here, per worker and per rule, and the
     * worker goes on.
     */
    long faultDrops();

    /** {@link #faultDrops()} of one worker ({@link PacketContext#worker()}). */
    long faultDrops(int worker);

    /** Every rule and hook function that threw since it was added, with its count and last error. */
    List<ExtensionFault> faults();

    /** The latest fault on {@code worker} ({@code packets} is 1), or null when it has had none. */
    ExtensionFault lastFault(int worker);
}
