package org.pkttables.conntrack.impl;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.StampedLock;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import org.pkttables.conntrack.ConntrackEntry;
import org.pkttables.conntrack.ConntrackEvent;
import org.pkttables.conntrack.ConntrackFilter;
import org.pkttables.conntrack.CtStatus;
import org.pkttables.conntrack.Expectation;
import org.pkttables.conntrack.impl.helper.ExpectationTable;
import org.pkttables.conntrack.impl.helper.HelperRegistry;

/**
 * The control plane's view of the table, as ctnetlink serves the {@code conntrack} tool: lookup, list,
 * delete, flush, mark update, expectations and the diagnostics of {@code conntrack -S}. Never on the packet
 * path: it takes the bucket locks and allocates snapshots freely.
 */
final class ConntrackQueries {
    private final ConntrackTable table;
    private final ConntrackEvents events;
    private final ConntrackRemoval removal;
    private final ExpectationTable expectations;
    private final HelperRegistry helpers;
    private final LongSupplier clock;
    /**
     * net.netfilter.nf_conntrack_acct: listings and DESTROY events show the counters. On by default here
     * (the kernel's default is off) because counting costs nothing extra: the counters are kept either way.
     */
    private volatile boolean accounting = true;

    ConntrackQueries(ConntrackTable table, ConntrackEvents events, ConntrackRemoval removal,
            ExpectationTable expectations, HelperRegistry helpers, LongSupplier clock) {
        this.table = table;
        this.events = events;
        this.removal = removal;
        this.expectations = expectations;
        this.helpers = helpers;
        this.clock = clock;
    }

    Optional<ConntrackEntry> lookup(int protocol, InetAddress src, InetAddress dst, int sport, int dport) {
        PacketTuple t = new PacketTuple();
        long[] a = Snapshots.words(src);
        long[] b = Snapshots.words(dst);
        t.v6 = src.getAddress().length == 16;
        t.sHi = a[0];
        t.sLo = a[1];
        t.dHi = b[0];
        t.dLo = b[1];
        t.proto = protocol;
        t.sport = sport;
        t.dport = dport;
        t.dirConstraint = PacketTuple.ANY_DIR;
        int type = protocol == 1 ? 8 : protocol == 58 ? 128 : 0;
        t.meta = PacketTuple.meta(t.v6, protocol, type, 0);
        int r = table.lookup(t);
        if (r < 0) {
            return Optional.empty();
        }
        return Optional.of(snapshot(r >>> 1));
    }

    private ConntrackEntry snapshot(int s) {
        StampedLock l = table.lock(table.hashOf(s));
        long st = l.readLock();
        try {
            return events.snapshot(s, clock.getAsLong());
        } finally {
            l.unlockRead(st);
        }
    }

    List<ConntrackEntry> list(ConntrackFilter filter) {
        FilterMatcher m = FilterMatcher.of(filter);
        long now = clock.getAsLong();
        List<ConntrackEntry> out = new ArrayList<>();
        forEachSlot(s -> {
            if (table.left(s, now) > 0 && m.test(table, s, now)) {
                out.add(events.snapshot(s, now));
            }
        });
        return out;
    }

    int delete(ConntrackFilter filter) {
        return removal.removeAll(clock.getAsLong(), FilterMatcher.of(filter));
    }

    boolean delete(long id) {
        int s = (int) id;
        if (s < 0 || s >= table.capacity) {
            return false;
        }
        return removal.kill(s, (int) (id >>> 32), clock.getAsLong());
    }

    int flush(Predicate<ConntrackEntry> predicate) {
        return removal.removeAll(clock.getAsLong(), FilterMatcher.of(predicate, events));
    }

    Optional<ConntrackEntry> updateMark(long id, int value, int mask) {
        int s = (int) id;
        if (s < 0 || s >= table.capacity) {
            return Optional.empty();
        }
        int g = (int) (id >>> 32);
        long now = clock.getAsLong();
        StampedLock l = table.lock(table.hashOf(s));
        ConntrackEntry snap;
        boolean changed;
        long st = l.writeLock();
        try {
            if (table.gen(s) != g || (table.status(s) & CtStatus.CONFIRMED) == 0) {
                return Optional.empty();
            }
            int old = table.mark(s);
            int mark = (old & ~mask) | (value & mask);
            changed = mark != old;
            table.setMark(s, mark);
            snap = events.snapshot(s, now);
        } finally {
            l.unlockWrite(st);
        }
        if (changed) {
            events.fire(ConntrackEvent.Type.UPDATE, snap);
        }
        return Optional.of(snap);
    }

    /** The live expectations, as conntrack -L expect shows them. */
    List<Expectation> expectations() {
        return expectations.list(clock.getAsLong());
    }

    Set<String> helpers() {
        return helpers.names();
    }

    /** Removes every expectation (conntrack -F expect). */
    int flushExpectations() {
        return expectations.removeIf(e -> true);
    }

    boolean accounting() {
        return accounting;
    }

    void setAccounting(boolean on) {
        accounting = on;
    }

    /** TCP entries in CLOSE_WAIT now, and the longest time one has been there (ms). */
    long[] halfClosedNow() {
        long now = clock.getAsLong();
        long[] countAndLongest = new long[2];
        forEachSlot(s -> {
            if (table.proto(s) == 6 && table.protoState[s] == TcpStates.CLOSE_WAIT) {
                countAndLongest[0]++;
                countAndLongest[1] = Math.max(countAndLongest[1], table.age(s, now));
            }
        });
        return countAndLongest;
    }

    /** Calls {@code visit} with every slot in the table, one bucket at a time under its read lock. */
    private void forEachSlot(IntConsumer visit) {
        for (int b = 0; b < table.buckets(); b++) {
            if (table.head[b] == 0) {
                continue;
            }
            StampedLock l = table.lockOfBucket(b);
            long st = l.readLock();
            try {
                for (int e = table.head[b]; e != 0; e = table.next(e - 1)) {
                    visit.accept(e - 1);
                }
            } finally {
                l.unlockRead(st);
            }
        }
    }

    /**
     * Chain lengths of the table's buckets (the cttest-style distribution): element {@code n} counts the
     * buckets holding {@code n} entries; the last element counts every longer chain too. A racy but bounded
     * walk: a report, not an invariant.
     */
    long[] chainLengthHistogram(int maxLength) {
        long[] h = new long[maxLength + 1];
        for (int b = 0; b < table.buckets(); b++) {
            h[Math.min(maxLength, table.chainLength(b))]++;
        }
        return h;
    }
}
