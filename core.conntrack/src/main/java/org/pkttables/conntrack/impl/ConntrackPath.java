package org.pkttables.conntrack.impl;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.StampedLock;
import java.util.function.LongSupplier;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.ConntrackEntry;
import org.pkttables.conntrack.ConntrackEvent;
import org.pkttables.conntrack.CtState;
import org.pkttables.conntrack.CtStatus;
import org.pkttables.conntrack.impl.helper.CtTemplate;

/**
 * The per-packet path of connection tracking, as nf_conntrack_core's nf_conntrack_in and
 * __nf_conntrack_confirm: {@link #track} at PREROUTING/OUTPUT finds or creates the entry of each packet
 * and lets the protocol tracker judge it; {@link #confirm} at INPUT/POSTROUTING puts new entries into the
 * table, so entries of packets dropped on the way never appear. Expired entries met by a lookup are
 * removed here; a full table makes room by {@link EarlyDrop} instead of refusing flows. Allocation-free
 * and lock-striped: each worker has its {@link CtView}, each bucket stripe its lock.
 */
final class ConntrackPath {
    private static final Logger LOG = System.getLogger("org.pkttables.conntrack");

    private final ConntrackTable table;
    private final Timeouts timeouts;
    private final L4Tracker[] trackers;
    private final CtView[] views;
    private final LongSupplier clock;
    private final ConntrackEvents events;
    private final HelperPath helpers;
    private final EarlyDrop earlyDrop;
    private final SeqAdjust seqAdjust;
    /**
     * Whether a NAT engine translates IPv4 ({@code natPresent4}) and IPv6 ({@code natPresent6}) connections
     * now ({@link org.pkttables.conntrack.NatTranslator}s registered for the family). Without one, packets of
     * that family's NAT entries are dropped and counted ({@link #natOrphans}): never sent untranslated.
     */
    volatile boolean natPresent4;
    volatile boolean natPresent6;
    /** Packets of connections with a NAT binding dropped while no NAT engine was there. */
    final LongAdder natOrphans = new LongAdder();
    /** Log every INVALID packet with its reason (the debug mode). */
    volatile boolean logInvalid;

    final LongAdder found = new LongAdder();
    final LongAdder invalid = new LongAdder();
    final LongAdder insert = new LongAdder();
    final LongAdder insertFailed = new LongAdder();
    final LongAdder drop = new LongAdder();
    final LongAdder searched = new LongAdder();
    final LongAdder pressured = new LongAdder();

    ConntrackPath(ConntrackTable table, Timeouts timeouts, L4Tracker[] trackers, CtView[] views,
            LongSupplier clock, ConntrackEvents events, HelperPath helpers, EarlyDrop earlyDrop, SeqAdjust seqAdjust) {
        this.table = table;
        this.timeouts = timeouts;
        this.trackers = trackers;
        this.views = views;
        this.clock = clock;
        this.events = events;
        this.helpers = helpers;
        this.earlyDrop = earlyDrop;
        this.seqAdjust = seqAdjust;
        for (CtView v : views) {
            if (v != null) {
                v.path = this;
            }
        }
    }

    /** The conntrack hook at PREROUTING and OUTPUT. Always accepts: verdicts are the rules' business. */
    int track(PacketContext p) {
        Object pre = p.conntrack();
        if (pre != null && !(pre instanceof CtTemplate)) {
            return Verdict.ACCEPT; // NOTRACK'ed in raw, or already tracked (loopback)
        }
        CtView v = views[p.worker()];
        releasePending(v);
        v.reset(p);
        v.template = (CtTemplate) pre;
        p.setConntrack(v);
        PacketTuple t = v.tuple;
        t.zone = v.template == null ? 0 : v.template.zone;
        int l3 = p.l3Offset();
        if (l3 < 0 || p.isMalformed()) {
            return invalid(p, null, "malformed or non-IP packet");
        }
        boolean v6 = p.family() == Family.IPV6 || p.etherType() == 0x86dd;
        if (!t.readAddresses(p, l3, v6)) {
            return invalid(p, null, "truncated IP header");
        }
        if (p.isFragment() && p.fragOffset() != 0) {
            return invalid(p, null, "non-first fragment not reassembled");
        }
        int proto = p.l4Proto();
        int l4 = p.l4Offset();
        if (proto < 0 || l4 < 0 || !t.readL4(p, proto, l4)) {
            return invalid(p, null, "truncated or missing L4 header");
        }
        if ((proto == 1 || proto == 58) && IcmpTracker.isError(proto, p.u8(l4))) {
            return related(p, v, t);
        }
        if (proto == 58 && IcmpTracker.neverTracked(p.u8(l4))) {
            v.state = CtState.UNTRACKED; // neighbour discovery and MLD, as nf_conntrack_icmpv6_error leaves them
            return Verdict.ACCEPT;
        }
        L4Tracker tr = trackers[proto];
        long now = clock.getAsLong();
        for (int attempt = 0; attempt < 3; attempt++) {
            int r = trackExisting(p, v, t, tr, now);
            if (r == HANDLED) {
                return Verdict.ACCEPT;
            }
            if (r == NOT_FOUND) {
                return trackNew(p, v, t, tr, now);
            }
            if (r == DROPPED) {
                return Verdict.DROP;
            }
            // REPEAT: the old entry was removed, look again (finds nothing, so a new entry is made)
        }
        return invalid(p, tr, "entry kept reappearing");
    }

    private static final int HANDLED = 0;
    private static final int NOT_FOUND = 1;
    private static final int REPEAT = 2;
    private static final int DROPPED = 3;

    private int trackExisting(PacketContext p, CtView v, PacketTuple t, L4Tracker tr, long now) {
        int h = table.hash(t);
        // A reply of a NAT entry has its own tuple: the reply index finds it, and the entry is then updated
        // under the lock of its main chain (the one both directions of a plain entry share).
        int rs = table.natLinked() > 0 ? table.rlookup(h, t) : -1;
        int rgen = rs >= 0 ? table.gen(rs) : 0;
        int lh = rs >= 0 ? table.hashOf(rs) : h;
        StampedLock l = table.lock(lh);
        int dead = -1;
        ConntrackEntry deadSnap = null;
        ConntrackEntry updSnap = null;
        int result;
        long stamp = l.writeLock();
        try {
            searched.increment();
            int f;
            if (rs >= 0) {
                if (table.gen(rs) != rgen || !table.inChain(lh, rs) || table.rfind(h, t) != rs) {
                    return REPEAT; // removed or replaced meanwhile: look again
                }
                f = (rs << 1) | 1;
            } else {
                f = table.find(h, t);
            }
            if (f < 0) {
                return NOT_FOUND;
            }
            int s = f >>> 1;
            boolean reply = (f & 1) != 0;
            if (table.natted(s) && !natPresent(t.v6)) {
                natOrphans.increment();
                drop.increment();
                v.state = CtState.INVALID;
                return DROPPED; // fail closed: no NAT engine to translate it, so it does not pass untranslated
            }
            h = lh;
            if (table.left(s, now) <= 0) {
                table.unlink(h, s);
                dead = s;
                deadSnap = events.snapshotIfListened(s, now);
                result = NOT_FOUND;
            } else {
                int stBefore = table.status(s);
                int psBefore = table.protoState[s];
                int ctinfo = reply || (stBefore & CtStatus.SEEN_REPLY) != 0 ? CtState.ESTABLISHED
                        : (stBefore & CtStatus.EXPECTED) != 0 ? CtState.RELATED : CtState.NEW;
                long res = tr.packet(s, reply, p, t, now);
                if (res == L4Tracker.REPEAT) {
                    table.unlink(h, s);
                    dead = s;
                    deadSnap = events.snapshotIfListened(s, now);
                    result = REPEAT;
                } else if (res == L4Tracker.INVALID) {
                    result = HANDLED;
                    v.state = CtState.INVALID;
                    invalid.increment();
                    logInvalid(p, tr.lastInvalidReason());
                } else {
                    found.increment();
                    if (res >= 0) {
                        if (!reply && (stBefore & CtStatus.SEEN_REPLY) == 0 && underPressure()
                                && res > timeouts.get(Timeouts.PRESSURE)) {
                            res = timeouts.get(Timeouts.PRESSURE);
                            pressured.increment();
                        }
                        table.setDeadline(s, now, res);
                    }
                    if (reply) {
                        table.orStatus(s, CtStatus.SEEN_REPLY);
                    }
                    table.count(s, reply, t.ipEnd - p.l3Offset());
                    v.attach(s, ctinfo, reply);
                    if (res == L4Tracker.KILL) {
                        table.unlink(h, s);
                        dead = s;
                        deadSnap = events.snapshotIfListened(s, now);
                    } else if (events.hasListeners && (table.status(s) != stBefore || table.protoState[s] != psBefore)) {
                        updSnap = events.snapshotIfListened(s, now);
                    }
                    result = HANDLED;
                }
            }
        } finally {
            l.unlockWrite(stamp);
        }
        if (dead >= 0) {
            table.free(dead);
            events.fire(ConntrackEvent.Type.DESTROY, deadSnap);
        }
        events.fire(ConntrackEvent.Type.UPDATE, updSnap);
        return result;
    }

    private int trackNew(PacketContext p, CtView v, PacketTuple t, L4Tracker tr, long now) {
        int h = table.hash(t);
        int s = allocate(h, now, v);
        if (s < 0) {
            drop.increment();
            if (logInvalid) {
                LOG.log(Level.INFO, "conntrack: table full ({0} entries), no entry could be dropped early",
                        table.capacity);
            }
            return Verdict.DROP; // the kernel's "table full, dropping packet", after early drop failed
        }
        table.setTuple(s, t);
        table.setStatus(s, t.zone << ConntrackTable.ZONE_SHIFT);
        table.setCreated(s, now); // and mark 0
        table.protoState[s] = 0;
        table.firstPacket(s, 0);
        String why = tr.init(s, p, t, now);
        long res = why == null ? tr.packet(s, false, p, t, now) : L4Tracker.INVALID;
        if (res == L4Tracker.INVALID || res == L4Tracker.REPEAT) {
            table.free(s);
            return invalid(p, null, why != null ? why : tr.lastInvalidReason());
        }
        if (res == L4Tracker.KILL) {
            table.free(s);
            v.state = CtState.NEW;
            return Verdict.ACCEPT;
        }
        long timeout = res >= 0 ? res : timeouts.get(Timeouts.GENERIC);
        if (underPressure() && timeout > timeouts.get(Timeouts.PRESSURE)) {
            timeout = timeouts.get(Timeouts.PRESSURE);
            pressured.increment();
        }
        // Until confirmed the deadline holds the timeout: as in the kernel it counts from confirmation.
        table.setPendingTimeout(s, timeout);
        table.firstPacket(s, t.ipEnd - p.l3Offset());
        v.attach(s, CtState.NEW, false);
        v.pending = true;
        if (helpers.wanted(v.template)) {
            helpers.start(p, v, t, s, now);
        }
        return Verdict.ACCEPT;
    }

    /** ICMP errors: RELATED to the connection of the packet they quote, INVALID when there is none. */
    private int related(PacketContext p, CtView v, PacketTuple t) {
        PacketTuple inner = new PacketTuple(); // rare path (errors only); kept simple
        inner.zone = t.zone; // an error belongs to the zone its packet was given
        int l4 = t.l4;
        int il3 = l4 + 8;
        boolean v6 = t.v6;
        if (!inner.readAddresses(p, il3, v6)) {
            return invalid(p, null, "icmp error quoting a truncated IP header");
        }
        int iproto;
        int il4;
        if (!v6) {
            iproto = p.u8(il3 + 9);
            il4 = il3 + (p.u8(il3) & 0x0f) * 4;
        } else {
            iproto = p.u8(il3 + 6);
            il4 = il3 + 40;
        }
        inner.ipEnd = p.end();
        if (!inner.readL4(p, iproto, il4)) {
            return invalid(p, null, "icmp error quoting a truncated L4 header");
        }
        // The quoted packet went to the error's sender; its source must be the error's destination.
        if (inner.sLo != t.dLo || inner.sHi != t.dHi) {
            return invalid(p, null, "icmp error quoting a packet from another host");
        }
        int r = table.lookup(inner);
        if (r < 0 && table.natLinked() > 0) {
            // A NAT connection: the quoted packet is its reply as sent (the reply tuple itself), or its
            // original packet as translated (the reply tuple's inverse).
            int rs = table.rlookup(table.hash(inner), inner);
            if (rs >= 0) {
                r = (rs << 1) | 1;
            } else {
                PacketTuple inv = inner.inverse();
                rs = table.rlookup(table.hash(inv), inv);
                r = rs >= 0 ? rs << 1 : -1;
            }
        }
        if (r < 0) {
            return invalid(p, null, "icmp error for an unknown connection");
        }
        int s = r >>> 1;
        boolean reply = (r & 1) == 0; // the error travels against the quoted packet
        if (table.natted(s) && !natPresent(v6)) {
            natOrphans.increment();
            drop.increment();
            return Verdict.DROP; // its quote could not be translated back: fail closed, as for the connection
        }
        v.attach(s, CtState.RELATED, reply);
        found.increment();
        return Verdict.ACCEPT;
    }

    /** Whether the NAT engine of the family ({@code v6}: IPv6) is there to translate. */
    boolean natPresent(boolean v6) {
        return v6 ? natPresent6 : natPresent4;
    }

    private int invalid(PacketContext p, L4Tracker tr, String why) {
        invalid.increment();
        logInvalid(p, why);
        return Verdict.ACCEPT;
    }

    private void logInvalid(PacketContext p, String why) {
        if (logInvalid) {
            LOG.log(Level.INFO, "conntrack INVALID at {0} ms on {1}: {2}", clock.getAsLong(), p.hook(), why);
        }
    }

    /**
     * At hooks after PREROUTING/OUTPUT: finds this packet's view again when the pipeline handed a fresh
     * context (the test Harness injects one hook at a time), so rules at INPUT see the state.
     */
    int carry(PacketContext p) {
        if (p.conntrack() == null) {
            CtView v = views[p.worker()];
            if (v.sameFrame(p)) {
                p.setConntrack(v);
            }
        }
        return Verdict.ACCEPT;
    }

    /** The confirm hook (INPUT and POSTROUTING, last priority): a new entry enters the table. */
    int confirm(PacketContext p) {
        carry(p);
        Object o = p.conntrack();
        if (!(o instanceof CtView)) {
            return Verdict.ACCEPT;
        }
        CtView v = (CtView) o;
        if (v.live()) {
            int st = table.status(v.slot);
            if ((st & CtStatus.HELPER) != 0) {
                int verdict = helpers.run(p, v);
                if (verdict != Verdict.ACCEPT) {
                    return verdict;
                }
                st = table.status(v.slot);
            }
            // after the helper, as nf_confirm: a length it changed is recorded before this segment is adjusted
            if ((st & CtStatus.SEQ_ADJUST) != 0 && !seqAdjust.adjust(p, v.slot, v.gen, v.reply)) {
                drop.increment();
                return Verdict.DROP;
            }
        }
        if (!v.pending || !v.live()) {
            return Verdict.ACCEPT;
        }
        v.pending = false;
        int s = v.slot;
        int h = table.hashOf(s);
        boolean nat = table.natted(s);
        int rh = nat ? table.hashOfReply(s) : h;
        // A NAT entry goes into two chains: both stripes are held, always taken in stripe order.
        int first = Math.min(table.stripeOf(h), table.stripeOf(rh));
        int second = Math.max(table.stripeOf(h), table.stripeOf(rh));
        StampedLock l = table.stripe(first);
        StampedLock l2 = second != first ? table.stripe(second) : null;
        ConntrackEntry snap = null;
        int clash;
        boolean replyClash = false;
        long stamp = l.writeLock();
        long stamp2 = l2 != null ? l2.writeLock() : 0;
        try {
            clash = table.find(h, v.tuple);
            if (clash < 0 && nat) {
                int ports = table.rPorts(s);
                replyClash = table.taken(rh, ports >>> 16, ports & 0xffff, table.meta(s), table.rSHi(s),
                        table.rSLo(s), table.rDHi(s), table.rDLo(s), table.zone(s));
            }
            if (clash < 0 && !replyClash) {
                long now = clock.getAsLong();
                // As the kernel: the timeout of a new entry counts from its confirmation, so the NEW event
                // (and a listing right after) shows the whole timeout.
                table.setDeadline(s, now, table.pendingTimeout(s));
                table.orStatus(s, CtStatus.CONFIRMED);
                table.link(h, s);
                if (nat) {
                    table.rlink(rh, s);
                }
                insert.increment();
                snap = events.snapshotIfListened(s, now);
            } else {
                insertFailed.increment();
                if (clash >= 0 && !nat && !table.natted(clash >>> 1)) {
                    v.attach(clash >>> 1, v.state, (clash & 1) != 0);
                }
            }
        } finally {
            if (l2 != null) {
                l2.unlockWrite(stamp2);
            }
            l.unlockWrite(stamp);
        }
        if (clash >= 0 || replyClash) {
            table.free(s); // another worker confirmed the same connection first: use its entry
            if (replyClash || nat || v.slot == s) {
                // Two new connections were given the same reply tuple (or a NAT entry raced its twin): the
                // packet was already rewritten for a binding that cannot be kept, so it goes no further.
                drop.increment();
                v.state = CtState.INVALID;
                v.slot = -1;
                return Verdict.DROP;
            }
        }
        events.fire(ConntrackEvent.Type.NEW, snap);
        return Verdict.ACCEPT;
    }

    /** A new connection NAT could find no unique tuple for: insert_failed and drop, as the kernel counts. */
    void natRefused() {
        insertFailed.increment();
        drop.increment();
    }

    private void releasePending(CtView v) {
        if (v.pending && v.live()) {
            table.free(v.slot);
        }
        v.pending = false;
    }

    /** More than {@link ConntrackEngine#PRESSURE_PERCENT} of the table in use. */
    private boolean underPressure() {
        return table.count() * 100L > (long) table.capacity * ConntrackEngine.PRESSURE_PERCENT;
    }

    private int allocate(int hash, long now, CtView v) {
        int s = table.allocate();
        if (s >= 0) {
            return s;
        }
        if (earlyDrop.drop(hash, now, v.candidate)) {
            s = table.allocate();
        }
        return s;
    }
}
