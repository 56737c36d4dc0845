package org.pkttables.conntrack.impl;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.StampedLock;

import org.pkttables.conntrack.EarlyDropPolicy;

/**
 * Making room in a full table (the kernel's early_drop): removes the least valuable entry near a new
 * connection's bucket, as the {@link EarlyDropPolicy} scores them: expired first, then unreplied, then not
 * assured, then closing TCP. Assured, open connections are never taken. Looks at {@link #EVICTION_RANGE}
 * buckets, then up to {@link #EVICTION_RANGE_MAX}, so a SYN flood into a full table evicts its own kind.
 */
final class EarlyDrop {
    private static final Logger LOG = System.getLogger("org.pkttables.conntrack");
    /** Buckets an early drop looks at first (the kernel's NF_CT_EVICTION_RANGE), then further ones. */
    private static final int EVICTION_RANGE = 8;
    private static final int EVICTION_RANGE_MAX = 64;

    private final ConntrackTable table;
    private final ConntrackRemoval removal;
    private final LongAdder drops = new LongAdder();
    private volatile EarlyDropPolicy policy = EarlyDropPolicy.DEFAULT;
    private volatile boolean policyFailed;

    EarlyDrop(ConntrackTable table, ConntrackRemoval removal) {
        this.table = table;
        this.removal = removal;
    }

    /** Drops one entry near {@code hash}, scored through {@code cand} (the worker's reusable view). */
    boolean drop(int hash, long now, SlotCandidate cand) {
        EarlyDropPolicy policy = this.policy;
        cand.now = now;
        int bestSlot = -1;
        int bestGen = 0;
        int bestScore = Integer.MAX_VALUE;
        for (int i = 0; i < EVICTION_RANGE_MAX && bestScore > 1; i++) {
            if (i == EVICTION_RANGE && bestSlot >= 0) {
                break;
            }
            int b = (hash + i) & table.bucketMask;
            StampedLock l = table.lockOfBucket(b);
            long st = l.readLock();
            try {
                for (int e = table.head[b], n = 0; e != 0 && n < table.capacity; e = table.next(e - 1), n++) {
                    int s = e - 1;
                    cand.slot = s;
                    int score = score(policy, cand);
                    if (score < bestScore) {
                        bestScore = score;
                        bestSlot = s;
                        bestGen = table.gen(s);
                    }
                }
            } finally {
                l.unlockRead(st);
            }
        }
        if (bestSlot < 0 || bestScore == EarlyDropPolicy.KEEP) {
            return false;
        }
        if (removal.kill(bestSlot, bestGen, now)) {
            drops.increment();
            return true;
        }
        return false;
    }

    /** A plugged-in policy that throws is reported once and replaced by the default for that entry. */
    private int score(EarlyDropPolicy policy, SlotCandidate c) {
        try {
            return policy.score(c);
        } catch (RuntimeException e) {
            if (!policyFailed) {
                policyFailed = true;
                LOG.log(Level.WARNING, "conntrack early-drop policy " + policy + " failed; using the default", e);
            }
            return EarlyDropPolicy.DEFAULT.score(c);
        }
    }

    /** Replaces the policy (null: the default one). */
    void setPolicy(EarlyDropPolicy p) {
        policy = p == null ? EarlyDropPolicy.DEFAULT : p;
        policyFailed = false;
    }

    EarlyDropPolicy policy() {
        return policy;
    }

    /** Entries dropped early so far (the early_drop statistic). */
    long drops() {
        return drops.sum();
    }
}
