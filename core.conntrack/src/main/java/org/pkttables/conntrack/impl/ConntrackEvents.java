package org.pkttables.conntrack.impl;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

import org.pkttables.conntrack.ConntrackEntry;
import org.pkttables.conntrack.ConntrackEvent;
import org.pkttables.conntrack.ConntrackListener;
import org.pkttables.conntrack.CtStatus;
import org.pkttables.conntrack.ExpectationEvent;
import org.pkttables.conntrack.ExpectationListener;
import org.pkttables.conntrack.impl.helper.ExpectationTable;
import org.pkttables.conntrack.impl.helper.HelperBindings;
import org.pkttables.conntrack.impl.helper.HelperConn;
import org.pkttables.conntrack.impl.target.CtEvents;

/**
 * Event delivery, as nf_conntrack_ecache does it: NEW, UPDATE and DESTROY of entries to the
 * {@link ConntrackListener}s, NEW of expectations to the {@link ExpectationListener}s, filtered by a
 * connection's {@code CT --ctevents}/{@code --expevents} masks. Snapshots are taken (under the bucket's
 * lock, by the caller) only while someone listens, and delivered after the lock is released.
 */
final class ConntrackEvents {
    private static final Logger LOG = System.getLogger("org.pkttables.conntrack");

    private final ConntrackTable table;
    private final L4Tracker[] trackers;
    private final HelperBindings bindings;
    private final LongSupplier clock;
    private final List<ConntrackListener> listeners = new CopyOnWriteArrayList<>();
    private final List<ExpectationListener> expectationListeners = new CopyOnWriteArrayList<>();
    /** Someone listens to entry events: only then are snapshots taken on the packet path. */
    volatile boolean hasListeners;
    /** Set once any connection got a {@code CT --ctevents} mask: only then do events look one up. */
    volatile boolean eventMasks;

    ConntrackEvents(ConntrackTable table, L4Tracker[] trackers, HelperBindings bindings, LongSupplier clock) {
        this.table = table;
        this.trackers = trackers;
        this.bindings = bindings;
        this.clock = clock;
    }

    void addListener(ConntrackListener l) {
        listeners.add(l);
        hasListeners = true;
    }

    void removeListener(ConntrackListener l) {
        listeners.remove(l);
        hasListeners = !listeners.isEmpty();
    }

    void addExpectationListener(ExpectationListener l) {
        expectationListeners.add(l);
    }

    void removeExpectationListener(ExpectationListener l) {
        expectationListeners.remove(l);
    }

    /** The protocol tracker's name for the slot's state ("ESTABLISHED"), as listings and events show it. */
    String stateName(int s) {
        return trackers[table.proto(s)].stateName(s);
    }

    /** A snapshot of slot {@code s} if anyone listens, else null (call with the bucket's lock held). */
    ConntrackEntry snapshotIfListened(int s, long now) {
        return hasListeners ? snapshot(s, now) : null;
    }

    /** A snapshot of slot {@code s} with its state and helper names (control plane and events only). */
    ConntrackEntry snapshot(int s, long now) {
        return Snapshots.of(table, s, stateName(s), helperName(s), now);
    }

    /** The name of slot {@code s}'s own helper (not its master's), null when it has none. */
    String helperName(int s) {
        long id = table.id(s);
        HelperBindings.Binding b = bindings.get((int) id, (int) (id >>> 32));
        return b == null || b.helper() == null ? null : b.helper().name();
    }

    /** Delivers an event about the snapshot (nothing for null), unless the connection's mask leaves it out. */
    void fire(ConntrackEvent.Type type, ConntrackEntry e) {
        if (e == null) {
            return;
        }
        if (eventMasks) {
            HelperBindings.Binding b = bindings.get((int) e.id(), (int) (e.id() >>> 32));
            if (b != null && !CtEvents.reports(b.eventMask(), type, e.hasStatus(CtStatus.EXPECTED))) {
                return;
            }
        }
        ConntrackEvent ev = new ConntrackEvent(type, e, clock.getAsLong());
        for (ConntrackListener l : listeners) {
            try {
                l.onEvent(ev);
            } catch (RuntimeException ex) {
                // One broken listener must not stop tracking or the others.
                LOG.log(Level.WARNING, "conntrack listener " + l + " failed", ex);
            }
        }
    }

    /**
     * A helper created an expectation: NEW to the expectation listeners, unless the master's
     * {@code CT --expevents} mask leaves NEW out (bit 0).
     */
    void expectationCreated(HelperConn c, ExpectationTable.Exp e) {
        if (expectationListeners.isEmpty()) {
            return;
        }
        HelperBindings.Binding b = bindings.get(c.slot(), c.gen());
        if (b != null && b.expMask() != -1 && (b.expMask() & 1) == 0) {
            return;
        }
        ExpectationEvent ev = new ExpectationEvent(ExpectationEvent.Type.NEW, e.snapshot(), clock.getAsLong());
        for (ExpectationListener l : expectationListeners) {
            try {
                l.onEvent(ev);
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "expectation listener " + l + " failed", ex);
            }
        }
    }
}
