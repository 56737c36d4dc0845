package org.pkttables.conntrack.impl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.StampedLock;

import org.pkttables.conntrack.ConntrackEntry;
import org.pkttables.conntrack.ConntrackEvent;
import org.pkttables.conntrack.CtStatus;

/**
 * Taking confirmed entries out of the table (the kernel's nf_ct_kill and nf_ct_iterate_cleanup): one entry
 * by (slot, generation), or every entry a {@link FilterMatcher} selects in a run of buckets. Entries are
 * unlinked under their stripe's write lock, freed after it, and their DESTROY events fired last. Used by
 * early drop, the expiry sweeper and the query service.
 */
final class ConntrackRemoval {
    private final ConntrackTable table;
    private final ConntrackEvents events;

    ConntrackRemoval(ConntrackTable table, ConntrackEvents events) {
        this.table = table;
        this.events = events;
    }

    /** Removes a confirmed entry if it is still the same one (slot, gen). */
    boolean kill(int s, int g, long now) {
        int h = table.hashOf(s);
        StampedLock l = table.lock(h);
        ConntrackEntry snap = null;
        boolean removed;
        long st = l.writeLock();
        try {
            removed = table.gen(s) == g && (table.status(s) & CtStatus.CONFIRMED) != 0 && table.unlink(h, s);
            if (removed) {
                snap = events.snapshotIfListened(s, now);
            }
        } finally {
            l.unlockWrite(st);
        }
        if (removed) {
            table.free(s);
            events.fire(ConntrackEvent.Type.DESTROY, snap);
        }
        return removed;
    }

    /** Bulk removal: every stripe once, its run of buckets under one lock hold (selective flush). */
    int removeAll(long now, FilterMatcher m) {
        Batch r = new Batch();
        int per = table.bucketsPerStripe();
        int n = 0;
        for (int i = 0; i < table.stripes(); i++) {
            n += removeWhere(i * per, (i + 1) * per, now, m, r);
        }
        return n;
    }

    /**
     * Removes the selected entries of buckets [from, to), which must lie in one lock stripe: the stripe's
     * lock is taken once for the whole run, chains are unlinked in place, and the slots go back to the
     * free stack in one batch.
     */
    int removeWhere(int from, int to, long now, FilterMatcher m, Batch r) {
        StampedLock l = table.lockOfBucket(from);
        int unlinked = 0;
        long st = l.writeLock();
        try {
            // Breadth-first over the run's chains: the entries at one depth are independent loads, so the
            // CPU fetches many records at once instead of waiting for one chain link after another.
            r.ensure(to - from);
            int[] cur = r.cur;
            int[] prev = r.prev;
            int[] bk = r.bucket;
            int live = 0;
            for (int b = from; b < to; b++) {
                int e = table.head[b];
                if (e != 0) {
                    cur[live] = e;
                    prev[live] = -1;
                    bk[live++] = b;
                }
            }
            for (int depth = 0; live > 0 && depth < table.capacity; depth++) {
                int keep = 0;
                for (int k = 0; k < live; k++) {
                    int s = cur[k] - 1;
                    int nx = table.next(s);
                    int p = prev[k];
                    if (m.test(table, s, now)) {
                        if (p < 0) {
                            table.head[bk[k]] = nx;
                        } else {
                            table.setNext(p, nx);
                        }
                        unlinked++;
                        r.add(s, now);
                    } else {
                        p = s;
                    }
                    if (nx != 0) {
                        cur[keep] = nx;
                        prev[keep] = p;
                        bk[keep++] = bk[k];
                    }
                }
                live = keep;
            }
        } finally {
            table.unlinked(unlinked);
            l.unlockWrite(st);
        }
        return r.finish();
    }

    /** Slots removed from their chains under a lock, freed and reported after it is released. */
    final class Batch {
        int[] dead = new int[16];
        int n;
        /** Breadth-first walk state per chain of a run: current entry, its predecessor, its bucket. */
        int[] cur = new int[0];
        int[] prev = cur;
        int[] bucket = cur;
        List<ConntrackEntry> snaps;

        void ensure(int chains) {
            if (cur.length < chains) {
                cur = new int[chains];
                prev = new int[chains];
                bucket = new int[chains];
            }
        }

        void add(int s, long now) {
            if (n == dead.length) {
                dead = Arrays.copyOf(dead, n * 2);
            }
            dead[n++] = s;
            if (events.hasListeners) {
                if (snaps == null) {
                    snaps = new ArrayList<>();
                }
                snaps.add(events.snapshot(s, now));
            }
        }

        /** Frees the batch with one push onto the free stack, then fires the DESTROY events. */
        int finish() {
            int done = n;
            table.freeAll(dead, n);
            n = 0;
            if (snaps != null) {
                List<ConntrackEntry> l = snaps;
                snaps = null;
                for (ConntrackEntry c : l) {
                    events.fire(ConntrackEvent.Type.DESTROY, c);
                }
            }
            return done;
        }
    }
}
