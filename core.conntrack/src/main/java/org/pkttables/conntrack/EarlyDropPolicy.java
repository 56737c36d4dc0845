package org.pkttables.conntrack;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Which entries a full table gives up first to make room for a new connection (early drop). The engine
 * looks at the entries of a few buckets near the new one and removes the one with the lowest score; an
 * entry scored {@link #KEEP} is never removed, and when every candidate is {@link #KEEP} the new packet is
 * dropped ("table full"). Register an implementation as an OSGi service to replace {@link #DEFAULT} at
 * runtime (the highest-ranked one is used; unregistering it brings the previous one back). Called on the
 * packet path with the bucket's lock held: no blocking, no allocation.
 */
@ConsumerType
public interface EarlyDropPolicy {
    /** Score of an entry that must stay. */
    int KEEP = Integer.MAX_VALUE;

    /** Lower scores go first. */
    int score(Candidate c);

    /** The entry being scored (valid only during the call). */
    interface Candidate {
        /** {@link CtStatus} bits. */
        int status();

        int protocol();

        /** Milliseconds until the entry expires (0 or less: expired already). */
        long millisLeft();

        /** TCP only: the connection is closing (FIN_WAIT, CLOSE_WAIT, LAST_ACK, TIME_WAIT, CLOSE). */
        boolean closing();

        /** Packets counted in one direction. */
        long packets(boolean reply);

        /** Bytes counted in one direction. */
        long bytes(boolean reply);

        /** Number of entries in the table, and its maximum: how full it is. */
        int count();

        int max();
    }

    /**
     * The built-in policy, as the kernel's early_drop and the issue ask: expired first, then unreplied, then
     * not assured, then closing TCP; assured open connections are kept.
     */
    EarlyDropPolicy DEFAULT = c -> {
        if (c.millisLeft() <= 0) {
            return 0;
        }
        int st = c.status();
        if ((st & CtStatus.SEEN_REPLY) == 0) {
            return 1;
        }
        if ((st & CtStatus.ASSURED) == 0) {
            return 2;
        }
        return c.protocol() == 6 && c.closing() ? 3 : KEEP;
    };
}
