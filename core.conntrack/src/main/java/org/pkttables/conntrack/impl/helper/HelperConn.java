package org.pkttables.conntrack.impl.helper;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import org.pkttables.api.PacketContext;
import org.pkttables.conntrack.ConntrackHelper;
import org.pkttables.conntrack.HelperConnection;
import org.pkttables.conntrack.impl.SeqAdjust;

/**
 * The {@link HelperConnection} handed to a helper: one per worker, filled by the engine before each
 * {@link ConntrackHelper#help} call with the connection's original tuple and the packet's direction.
 */
public final class HelperConn implements HelperConnection {
    private final ExpectationTable expectations;
    private final LongSupplier clock;
    ConntrackHelper helper;
    boolean reply;
    /** The connection's original addresses, made only when the helper asks (most packets never do). */
    private byte[] src;
    private byte[] dst;
    private boolean v6;
    /** Reads an original address of a slot from the table: (slot, source?) to bytes. */
    private Addresses addresses;

    /** Where the original addresses come from. */
    @FunctionalInterface
    public interface Addresses {
        byte[] of(int slot, boolean source);
    }
    int sport;
    int dport;
    /**
     * The reply tuple when the connection is NATed, set by {@link #nat}: the addresses' low and (IPv6) high
     * 64 bits (IPv4 as unsigned values, high 0).
     */
    private boolean natted;
    private long replySrc;
    private long replyDst;
    private long replySrcHi;
    private long replyDstHi;
    private int replyPorts;
    long id;
    int slot;
    int gen;
    /** Expectations created during the current call (for tests and stats). */
    int createdCount;

    /** Where a length change of a mangled payload is recorded; null: mangling is refused. */
    private SeqAdjust seqAdjust;
    /** The helper's state of the current connection (its binding's), null when it has no binding. */
    private AtomicReference<Object> data;

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

    /** Sets up the view for one call; the addresses are read from {@code addresses} on first use. */
    public HelperConn with(ConntrackHelper helper, boolean reply, boolean v6, Addresses addresses, int sport,
            int dport, long id, int slot, int gen) {
        this.helper = helper;
        this.reply = reply;
        this.v6 = v6;
        this.addresses = addresses;
        this.src = null;
        this.dst = null;
        this.sport = sport;
        this.dport = dport;
        this.id = id;
        this.slot = slot;
        this.gen = gen;
        this.createdCount = 0;
        this.natted = false;
        this.data = null;
        return this;
    }

    /** Where {@link #mangleTcp} records length changes (the engine's). */
    public HelperConn seqAdjust(SeqAdjust sa) {
        this.seqAdjust = sa;
        return this;
    }

    /** After {@link #with}: the helper state holder of the connection's binding. */
    public HelperConn data(AtomicReference<Object> holder) {
        this.data = holder;
        return this;
    }

    @Override
    public Object helperData() {
        AtomicReference<Object> d = data;
        return d == null ? null : d.get();
    }

    @Override
    public void helperData(Object value) {
        AtomicReference<Object> d = data;
        if (d != null) {
            d.set(value);
        }
    }

    @Override
    public boolean mangleTcp(PacketContext p, int matchOff, int matchLen, byte[] text, int textOff, int textLen) {
        if (seqAdjust == null || textOff < 0 || textLen < 0 || textOff + textLen > text.length) {
            return false;
        }
        int l4 = p.l4Offset();
        int seq = l4 < 0 ? 0 : (int) p.u32(l4 + 4);
        if (!TcpMangle.replace(p, matchOff, matchLen, text, textOff, textLen)) {
            return false;
        }
        seqAdjust.set(slot, gen, reply, seq, textLen - matchLen);
        return true;
    }

    @Override
    public boolean prependTcp(PacketContext p, byte[] bytes, int off, int len) {
        if (off < 0 || len < 0 || off + len > bytes.length) {
            return false;
        }
        return TcpMangle.prepend(p, bytes, off, len);
    }

    /** After {@link #with}: the connection is NATed with this IPv4 reply tuple (ports: sport << 16 | dport). */
    public HelperConn nat(long replySource, long replyDestination, int replyPortWord) {
        return nat(0, replySource, 0, replyDestination, replyPortWord);
    }

    /**
     * After {@link #with}: the connection is NATed with this reply tuple, its addresses as high and low 64
     * bits (IPv4: high 0, low the unsigned address; ports: sport << 16 | dport).
     */
    public HelperConn nat(long replySourceHi, long replySource, long replyDestinationHi, long replyDestination,
            int replyPortWord) {
        this.natted = true;
        this.replySrcHi = replySourceHi;
        this.replySrc = replySource;
        this.replyDstHi = replyDestinationHi;
        this.replyDst = replyDestination;
        this.replyPorts = replyPortWord;
        return this;
    }

    @Override
    public int ipVersion() {
        return v6 ? 6 : 4;
    }

    @Override
    public boolean isReply() {
        return reply;
    }

    @Override
    public byte[] originalSource() {
        return src().clone();
    }

    @Override
    public byte[] originalDestination() {
        return dst().clone();
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
    public boolean natted() {
        return natted;
    }

    @Override
    public byte[] replySource() {
        return natted ? address(replySrcHi, replySrc) : dst().clone();
    }

    @Override
    public byte[] replyDestination() {
        return natted ? address(replyDstHi, replyDst) : src().clone();
    }

    @Override
    public int replySourcePort() {
        return natted ? replyPorts >>> 16 : dport;
    }

    @Override
    public int replyDestinationPort() {
        return natted ? replyPorts & 0xffff : sport;
    }

    private byte[] address(long hi, long lo) {
        if (!v6) {
            return new byte[] { (byte) (lo >>> 24), (byte) (lo >>> 16), (byte) (lo >>> 8), (byte) lo };
        }
        byte[] a = new byte[16];
        for (int i = 0; i < 8; i++) {
            a[i] = (byte) (hi >>> (56 - 8 * i));
            a[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return a;
    }

    @Override
    public boolean expect(int protocol, byte[] source, byte[] destination, int sourcePort, int destinationPort) {
        return expect(protocol, source, destination, sourcePort, destinationPort, null, 0);
    }

    @Override
    public boolean expectNat(int protocol, byte[] source, byte[] destination, int sourcePort, int destinationPort,
            byte[] natAddress, int natPort) {
        if (natAddress == null || natAddress.length != (v6 ? 16 : 4)) {
            return false;
        }
        return expect(protocol, source, destination, sourcePort, destinationPort, natAddress, natPort);
    }

    private boolean expect(int protocol, byte[] source, byte[] destination, int sourcePort, int destinationPort,
            byte[] natAddress, int natPort) {
        int len = v6 ? 16 : 4;
        if (destination == null || destination.length != len || (source != null && source.length != len)) {
            return false;
        }
        long now = clock.getAsLong();
        ExpectationTable.Exp e;
        try {
            e = new ExpectationTable.Exp(protocol, source, destination, sourcePort, destinationPort, id, slot, gen,
                    helper.name(), src(), dst(), sport, dport, now + helper.expectTimeoutSeconds() * 1000L,
                    natAddress, natPort);
        } catch (IllegalArgumentException bad) {
            return false; // the helper asked for something impossible: nothing is opened
        }
        boolean ok = expectations.add(e, Math.max(1, helper.maxExpected()), now, natAddress != null);
        if (ok) {
            createdCount++;
            created.accept(this, e);
        }
        return ok;
    }

    private byte[] src() {
        if (src == null) {
            src = addresses.of(slot, true);
        }
        return src;
    }

    private byte[] dst() {
        if (dst == null) {
            dst = addresses.of(slot, false);
        }
        return dst;
    }
}
