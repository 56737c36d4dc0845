package org.pkttables.conntrack.impl.helper;

import java.util.function.LongSupplier;

import org.pkttables.conntrack.ConntrackHelper;
import org.pkttables.conntrack.HelperConnection;

/**
 * The {@link HelperConnection} handed to a helper: one per worker, filled by the engine before each
 * {@link ConntrackHelper#help} call with the connection's original tuple and the packet's direction.
 */
public final class HelperConn implements HelperConnection {
    private final ExpectationTable expectations;
    private final LongSupplier clock;
    ConntrackHelper helper;
    boolean reply;
    byte[] src;
    byte[] dst;
    int sport;
    int dport;
    long id;
    int slot;
    int gen;
    /** Expectations created during the current call (for tests and stats). */
    int createdCount;

    /** Told of every expectation this view created (the engine turns it into an event). */
    private final java.util.function.BiConsumer<HelperConn, ExpectationTable.Exp> created;

    public HelperConn(ExpectationTable expectations, LongSupplier clock) {
        this(expectations, clock, (c, e) -> { });
    }

    public HelperConn(ExpectationTable expectations, LongSupplier clock,
            java.util.function.BiConsumer<HelperConn, ExpectationTable.Exp> created) {
        this.expectations = expectations;
        this.clock = clock;
        this.created = created;
    }

    /** Slot and generation of the master connection this view currently helps. */
    public int slot() {
        return slot;
    }

    public int gen() {
        return gen;
    }

    /** Sets up the view for one call. */
    public HelperConn with(ConntrackHelper helper, boolean reply, byte[] src, byte[] dst, int sport, int dport,
            long id, int slot, int gen) {
        this.helper = helper;
        this.reply = reply;
        this.src = src;
        this.dst = dst;
        this.sport = sport;
        this.dport = dport;
        this.id = id;
        this.slot = slot;
        this.gen = gen;
        this.createdCount = 0;
        return this;
    }

    @Override
    public int ipVersion() {
        return src.length == 4 ? 4 : 6;
    }

    @Override
    public boolean isReply() {
        return reply;
    }

    @Override
    public byte[] originalSource() {
        return src.clone();
    }

    @Override
    public byte[] originalDestination() {
        return dst.clone();
    }

    @Override
    public int originalSourcePort() {
        return sport;
    }

    @Override
    public int originalDestinationPort() {
        return dport;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public boolean expect(int protocol, byte[] source, byte[] destination, int sourcePort, int destinationPort) {
        if (destination == null || destination.length != src.length
                || (source != null && source.length != src.length)) {
            return false;
        }
        long now = clock.getAsLong();
        ExpectationTable.Exp e;
        try {
            e = new ExpectationTable.Exp(protocol, source, destination, sourcePort, destinationPort, id, slot, gen,
                    helper.name(), src, dst, sport, dport, now + helper.expectTimeoutSeconds() * 1000L);
        } catch (IllegalArgumentException bad) {
            return false; // the helper asked for something impossible: nothing is opened
        }
        boolean ok = expectations.add(e, Math.max(1, helper.maxExpected()), now);
        if (ok) {
            createdCount++;
            created.accept(this, e);
        }
        return ok;
    }
}
