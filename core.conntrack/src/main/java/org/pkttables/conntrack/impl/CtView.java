package org.pkttables.conntrack.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.conntrack.CtState;
import org.pkttables.conntrack.CtStatus;
import org.pkttables.conntrack.PacketConntrack;

/**
 * The per-worker {@link PacketConntrack} stored in {@code PacketContext.conntrack()}: the packet's state
 * bit and direction, and a (slot, generation) reference to its entry. Also the worker's scratch tuple and
 * its unconfirmed entry, which {@link ConntrackPath} frees when the packet never reached the confirm hook.
 */
public final class CtView implements PacketConntrack, org.pkttables.conntrack.NatEntry {
    final ConntrackTable table;
    private final java.util.function.LongSupplier clock;
    final PacketTuple tuple = new PacketTuple();
    /** This worker's view for the early-drop policy. */
    final SlotCandidate candidate;
    int slot = -1;
    int gen;
    int state = CtState.INVALID;
    boolean reply;
    /** Set by the engine: helper bindings, for {@link #masterHelper()}. */
    org.pkttables.conntrack.impl.helper.HelperBindings bindings;
    /** The CT template the raw table left on the packet, or null. */
    org.pkttables.conntrack.impl.helper.CtTemplate template;
    /** The packet path of this view's engine (NAT's refusal count). */
    ConntrackPath path;
    /** The slot was created by this packet and is not in the table yet. */
    boolean pending;
    // identity of the frame last tracked, to find the view again when a hook runs with a fresh context
    private byte[] frame;
    private int frameStart;
    private int frameEnd;

    CtView(ConntrackTable table, java.util.function.LongSupplier clock) {
        this.table = table;
        this.clock = clock;
        this.candidate = new SlotCandidate(table);
    }

    void reset(PacketContext p) {
        slot = -1;
        state = CtState.INVALID;
        reply = false;
        pending = false;
        template = null;
        frame = p.buffer();
        frameStart = p.start();
        frameEnd = p.end();
    }

    void attach(int s, int st, boolean rep) {
        slot = s;
        gen = table.gen(s);
        state = st;
        reply = rep;
    }

    boolean sameFrame(PacketContext p) {
        return frame == p.buffer() && frameStart == p.start() && frameEnd == p.end();
    }

    /** True while the referenced slot still belongs to this packet's connection. */
    public boolean live() {
        return slot >= 0 && table.gen(slot) == gen;
    }

    /**
     * The packet's view when it still refers to a live entry, else null (not tracked, untracked, a CT template,
     * or an entry gone since). Hot path: no allocation.
     */
    public static CtView liveOf(PacketContext p) {
        Object o = p.conntrack();
        return o instanceof CtView && ((CtView) o).live() ? (CtView) o : null;
    }

    @Override
    public int state() {
        return state;
    }

    @Override
    public boolean isReply() {
        return reply;
    }

    @Override
    public String masterHelper() {
        if (!live() || (table.status(slot) & org.pkttables.conntrack.CtStatus.EXPECTED) == 0 || bindings == null) {
            return null;
        }
        org.pkttables.conntrack.impl.helper.HelperBindings.Binding b = bindings.get(slot, gen);
        return b == null ? null : b.masterHelper();
    }

    @Override
    public int status() {
        return live() ? table.status(slot) : 0;
    }

    @Override
    public int mark() {
        return live() ? table.mark(slot) : 0;
    }

    @Override
    public void setMark(int m) {
        if (live()) {
            table.setMark(slot, m);
        }
    }

    @Override
    public long entryId() {
        return live() ? table.id(slot) : -1;
    }

    // ---- entry fields for matches (callers check live() first) ----

    public int protocol() {
        return table.proto(slot);
    }

    public boolean ipv6() {
        return (table.meta(slot) & (1 << 24)) != 0;
    }

    public long origSrcHi() {
        return table.sHi(slot);
    }

    public long origSrcLo() {
        return table.sLo(slot);
    }

    public long origDstHi() {
        return table.dHi(slot);
    }

    public long origDstLo() {
        return table.dLo(slot);
    }

    public int origSport() {
        return table.ports(slot) >>> 16;
    }

    public int origDport() {
        return table.ports(slot) & 0xffff;
    }

    /** Packets counted so far in one direction (the current packet included), as connbytes reads them. */
    public long packets(boolean replyDir) {
        return table.packets(slot, replyDir);
    }

    /** Bytes counted so far in one direction (the current packet included). */
    public long bytes(boolean replyDir) {
        return table.bytes(slot, replyDir);
    }

    /**
     * Whether the connection with this {@link #entryId()} still exists and is not closing, as nf_conncount
     * counts: a freed or reused slot, or a TCP connection in TIME_WAIT or CLOSE, no longer counts.
     */
    public boolean counts(long id) {
        int s = (int) id;
        if (s < 0 || s >= table.capacity || table.gen(s) != (int) (id >>> 32)) {
            return false;
        }
        int ps = table.protoState[s];
        return table.proto(s) != 6 || (ps != TcpStates.TIME_WAIT && ps != TcpStates.CLOSE);
    }

    /** Seconds until the entry expires, as the kernel's ctexpire sees them (rounded down, never negative). */
    public long expiresSeconds() {
        if ((table.status(slot) & CtStatus.CONFIRMED) == 0) {
            return table.pendingTimeout(slot) / 1000; // unconfirmed: the timeout has not started yet
        }
        return Math.max(0, table.left(slot, clock.getAsLong()) / 1000);
    }

    // ---- NatEntry: the NAT engine's view (IPv4 and IPv6 tuples) ----

    @Override
    public boolean hasEntry() {
        return live();
    }

    @Override
    public boolean ipv4() {
        return (table.meta(slot) & (1 << 24)) == 0;
    }

    @Override
    public boolean unconfirmed() {
        return pending && live();
    }

    @Override
    public void natDone(int doneBits) {
        if (live()) {
            table.orStatus(slot, doneBits & (CtStatus.SRC_NAT_DONE | CtStatus.DST_NAT_DONE));
        }
    }

    @Override
    public long srcAddr(boolean replyDir) {
        if (!replyDir) {
            return table.sLo(slot);
        }
        return table.natted(slot) ? table.rSLo(slot) : table.dLo(slot);
    }

    @Override
    public long dstAddr(boolean replyDir) {
        if (!replyDir) {
            return table.dLo(slot);
        }
        return table.natted(slot) ? table.rDLo(slot) : table.sLo(slot);
    }

    @Override
    public long srcAddrHi(boolean replyDir) {
        if (!replyDir) {
            return table.sHi(slot);
        }
        return table.natted(slot) ? table.rSHi(slot) : table.dHi(slot);
    }

    @Override
    public long dstAddrHi(boolean replyDir) {
        if (!replyDir) {
            return table.dHi(slot);
        }
        return table.natted(slot) ? table.rDHi(slot) : table.sHi(slot);
    }

    @Override
    public int srcPort(boolean replyDir) {
        if (!replyDir) {
            return table.ports(slot) >>> 16;
        }
        return table.natted(slot) ? table.rPorts(slot) >>> 16 : table.ports(slot) & 0xffff;
    }

    @Override
    public int dstPort(boolean replyDir) {
        if (!replyDir) {
            return table.ports(slot) & 0xffff;
        }
        return table.natted(slot) ? table.rPorts(slot) & 0xffff : table.ports(slot) >>> 16;
    }

    @Override
    public boolean taken(long src, int srcPort, long dst, int dstPort) {
        return taken(0, src, srcPort, 0, dst, dstPort);
    }

    @Override
    public boolean taken(long srcHi, long src, int srcPort, long dstHi, long dst, int dstPort) {
        int meta = table.meta(slot);
        int zone = table.zone(slot);
        int h = table.hash(srcHi, src, srcPort, dstHi, dst, dstPort, meta ^ ConntrackTable.zoneMix(zone));
        java.util.concurrent.locks.StampedLock l = table.lock(h);
        long st = l.readLock();
        try {
            return table.taken(h, srcPort, dstPort, meta, srcHi, src, dstHi, dst, zone);
        } finally {
            l.unlockRead(st);
        }
    }

    @Override
    public void setReply(long src, int srcPort, long dst, int dstPort, int natBits) {
        setReply(0, src, srcPort, 0, dst, dstPort, natBits);
    }

    @Override
    public void setReply(long srcHi, long src, int srcPort, long dstHi, long dst, int dstPort, int natBits) {
        if (!unconfirmed()) {
            throw new IllegalStateException("NAT binding for a connection that is not new: " + this);
        }
        table.setReply(slot, srcPort, dstPort, table.meta(slot), srcHi, src, dstHi, dst);
        table.orStatus(slot, natBits & CtStatus.NAT_MASK);
    }

    @Override
    public void refused() {
        path.natRefused();
    }

    @Override
    public String toString() {
        return CtState.name(state) + (reply ? " reply" : "") + (slot >= 0 ? " slot " + slot : "");
    }
}
