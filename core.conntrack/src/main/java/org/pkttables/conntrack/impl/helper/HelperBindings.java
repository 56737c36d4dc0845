package org.pkttables.conntrack.impl.helper;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.pkttables.conntrack.ConntrackHelper;
import org.pkttables.conntrack.impl.SlotArrays;

/**
 * Which helper a connection has, for an expected connection its master's helper, and the events it
 * reports ({@code CT --ctevents}): a side array by
 * table slot, made on the first binding, so tables that never see a helper pay nothing per entry. A
 * binding carries the slot's generation: once the entry is gone (slot reused) it is ignored, so the
 * table's removal paths need not know about helpers. Packets look here only when the entry's HELPER or
 * EXPECTED status bit says there is something to find.
 */
public final class HelperBindings {
    /**
     * Immutable: helper is null for an expected connection without a helper of its own; eventMask is
     * the {@code CT --ctevents} mask (bits in {@link org.pkttables.conntrack.impl.target.CtEvents} order),
     * -1 for every event; data is the helper's own state for the connection
     * ({@link org.pkttables.conntrack.HelperConnection#helperData()}), dropped with the binding.
     */
    public record Binding(int gen, ConntrackHelper helper, String masterHelper, int eventMask, int expMask,
            AtomicReference<Object> data) {
        public Binding(int gen, ConntrackHelper helper, String masterHelper, int eventMask, int expMask) {
            this(gen, helper, masterHelper, eventMask, expMask, new AtomicReference<>());
        }

        public Binding(int gen, ConntrackHelper helper, String masterHelper, int eventMask) {
            this(gen, helper, masterHelper, eventMask, -1);
        }
    }

    private volatile AtomicReferenceArray<Binding> slots;

    public synchronized void bind(int slot, int gen, ConntrackHelper helper, String masterHelper, int eventMask,
            int expMask) {
        array(slot).set(slot, new Binding(gen, helper, masterHelper, eventMask, expMask));
    }

    /** The live binding of (slot, gen), or null. Allocates nothing. */
    public Binding get(int slot, int gen) {
        AtomicReferenceArray<Binding> a = slots;
        if (a == null || slot < 0 || slot >= a.length()) {
            return null;
        }
        Binding b = a.get(slot);
        return b != null && b.gen == gen ? b : null;
    }

    /** Detaches a helper that went away from every connection it helped (they keep their master link). */
    public synchronized void unbind(ConntrackHelper helper) {
        AtomicReferenceArray<Binding> a = slots;
        if (a == null) {
            return;
        }
        for (int i = 0; i < a.length(); i++) {
            Binding b = a.get(i);
            if (b != null && b.helper == helper) {
                a.compareAndSet(i, b, b.masterHelper == null && b.eventMask == -1 && b.expMask == -1 ? null
                        : new Binding(b.gen, null, b.masterHelper, b.eventMask, b.expMask));
            }
        }
    }

    private synchronized AtomicReferenceArray<Binding> array(int slot) {
        AtomicReferenceArray<Binding> a = SlotArrays.covering(slots, slot);
        slots = a;
        return a;
    }
}
