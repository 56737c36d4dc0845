package org.pkttables.conntrack.impl;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.StampedLock;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.ConntrackEntry;
import org.pkttables.conntrack.ConntrackEvent;
import org.pkttables.conntrack.ConntrackFilter;
import org.pkttables.conntrack.ConntrackListener;
import org.pkttables.conntrack.ConntrackService;
import org.pkttables.conntrack.ConntrackStats;
import org.pkttables.conntrack.CtState;
import org.pkttables.conntrack.CtStatus;
import org.pkttables.conntrack.ConntrackHelper;
import org.pkttables.conntrack.Expectation;
import org.pkttables.conntrack.impl.helper.CtTemplate;
import org.pkttables.conntrack.impl.helper.ExpectationTable;
import org.pkttables.conntrack.impl.helper.HelperBindings;
import org.pkttables.conntrack.impl.helper.HelperConn;
import org.pkttables.conntrack.impl.helper.HelperRegistry;
import org.pkttables.conntrack.EarlyDropPolicy;

/**
 * Connection tracking as nf_conntrack_core does it: {@link #track} at PREROUTING/OUTPUT finds or creates
 * the entry of each packet and lets the protocol tracker judge it; {@link #confirm} at INPUT/POSTROUTING
 * puts new entries into the table, so entries of packets dropped on the way never appear. Expired entries
 * are removed by {@link #expire} (a sweeping collector driven by the clock, no timer per entry) and, when
 * met, by lookups. A full table makes room by early drop ({@link #earlyDrop}) instead of refusing flows.
 */
public final class ConntrackEngine implements ConntrackService {
    private static final Logger LOG = System.getLogger("org.pkttables.conntrack");
    /** Buckets an early drop looks at first (the kernel's NF_CT_EVICTION_RANGE), then further ones. */
    private static final int EVICTION_RANGE = 8;
    private static final int EVICTION_RANGE_MAX = 64;

    final ConntrackTable table;
    final Timeouts timeouts = new Timeouts();
    private final L4Tracker[] trackers = new L4Tracker[256];
    final TcpTracker tcp;
    private final CtView[] views = new CtView[PacketContext.MAX_WORKERS];
    private final LongSupplier clock;
    private final List<ConntrackListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean hasListeners;
    /**
     * net.netfilter.nf_conntrack_acct: listings and DESTROY events show the counters. On by default here
     * (the kernel's default is off) because counting costs nothing extra: the counters are kept either way.
     */
    private volatile boolean accounting = true;
    /** Log every INVALID packet with its reason (the debug mode). */
    volatile boolean logInvalid;
    private int sweepCursor;

    // helpers and expectations (nf_conntrack_helper / nf_conntrack_expect)
    final ExpectationTable expectations = new ExpectationTable();
    final HelperBindings bindings = new HelperBindings();
    /** The deployed helpers; the component adds and removes them (whiteboard). */
    public final HelperRegistry helperRegistry = new HelperRegistry(bindings, expectations);
    private final HelperConn[] helperConns = new HelperConn[PacketContext.MAX_WORKERS];
    /** Set once any connection got a {@code CT --ctevents} mask: only then do events look one up. */
    private volatile boolean eventMasks;

    private final LongAdder found = new LongAdder();
    private final LongAdder invalid = new LongAdder();
    private final LongAdder insert = new LongAdder();
    private final LongAdder insertFailed = new LongAdder();
    private final LongAdder drop = new LongAdder();
    private final LongAdder earlyDrops = new LongAdder();
    private final LongAdder searched = new LongAdder();
    private final LongAdder pressured = new LongAdder();
    /** Above this fill level new unreplied entries get the short pressure timeout (SYN flood defence). */
    static final int PRESSURE_PERCENT = 90;
    private volatile EarlyDropPolicy dropPolicy = EarlyDropPolicy.DEFAULT;
    private volatile boolean policyFailed;

    /** A table of {@code max} entries keyed with a random seed, on the wall clock. */
    public ConntrackEngine(int max) {
        this(new ConntrackTable(max), System::currentTimeMillis);
    }

    /** For tests: a fixed seed and an injected millisecond clock. */
    public ConntrackEngine(int max, long seed, LongSupplier clockMillis) {
        this(new ConntrackTable(max, seed, clockMillis.getAsLong()), clockMillis);
    }

    private ConntrackEngine(ConntrackTable table, LongSupplier clock) {
        this.table = table;
        this.clock = clock;
        GenericTracker generic = new GenericTracker(timeouts);
        for (int i = 0; i < 256; i++) {
            trackers[i] = generic;
        }
        tcp = new TcpTracker(table, timeouts);
        trackers[6] = tcp;
        UdpTracker udp = new UdpTracker(table, timeouts);
        trackers[17] = udp;
        trackers[136] = udp;
        trackers[1] = new IcmpTracker(timeouts, 1);
        trackers[58] = new IcmpTracker(timeouts, 58);
        for (int i = 0; i < views.length; i++) {
            views[i] = new CtView(table, clock);
            views[i].bindings = bindings;
            helperConns[i] = new HelperConn(expectations, clock, this::expectationCreated);
        }
    }

    // ======================= packet path =======================

    /** The conntrack hook at PREROUTING and OUTPUT. Always accepts: verdicts are the rules' business. */
    public int track(PacketContext p) {
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
            return invalid(p, null, "non-first fragment (no reassembly before conntrack)");
        }
        int proto = p.l4Proto();
        int l4 = p.l4Offset();
        if (proto < 0 || l4 < 0 || !t.readL4(p, proto, l4)) {
            return invalid(p, null, "truncated or missing L4 header");
        }
        if ((proto == 1 || proto == 58) && IcmpTracker.isError(proto, p.u8(l4))) {
            return related(p, v, t);
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
            // REPEAT: the old entry was removed, look again (finds nothing, so a new entry is made)
        }
        return invalid(p, tr, "entry kept reappearing");
    }

    private static final int HANDLED = 0;
    private static final int NOT_FOUND = 1;
    private static final int REPEAT = 2;

    private int trackExisting(PacketContext p, CtView v, PacketTuple t, L4Tracker tr, long now) {
        int h = table.hash(t);
        StampedLock l = table.lock(h);
        int dead = -1;
        ConntrackEntry deadSnap = null;
        ConntrackEntry updSnap = null;
        int result;
        long stamp = l.writeLock();
        try {
            searched.increment();
            int f = table.find(h, t);
            if (f < 0) {
                return NOT_FOUND;
            }
            int s = f >>> 1;
            boolean reply = (f & 1) != 0;
            if (table.left(s, now) <= 0) {
                table.unlink(h, s);
                dead = s;
                deadSnap = snapshotIfListened(s, now);
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
                    deadSnap = snapshotIfListened(s, now);
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
                        deadSnap = snapshotIfListened(s, now);
                    } else if (hasListeners && (table.status(s) != stBefore || table.protoState[s] != psBefore)) {
                        updSnap = snapshotIfListened(s, now);
                    }
                    result = HANDLED;
                }
            }
        } finally {
            l.unlockWrite(stamp);
        }
        if (dead >= 0) {
            table.free(dead);
            fire(ConntrackEvent.Type.DESTROY, deadSnap);
        }
        fire(ConntrackEvent.Type.UPDATE, updSnap);
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
        if ((v.template != null && (v.template.helper != null || v.template.eventMask != -1
                || v.template.expMask != -1))
                || !expectations.isEmpty()) {
            startHelped(p, v, t, s, now);
        }
        return Verdict.ACCEPT;
    }

    /**
     * A new connection that was expected becomes RELATED and remembers its master's helper; one whose
     * template names a deployed helper of its protocol gets that helper (status HELPER).
     */
    private void startHelped(PacketContext p, CtView v, PacketTuple t, int s, long now) {
        String masterHelper = null;
        if (!expectations.isEmpty()) {
            int len = t.v6 ? 16 : 4;
            int src = p.l3Offset() + (t.v6 ? 8 : 12);
            ExpectationTable.Exp e = expectations.take(t.proto, p.buffer(), src, src + len, len, t.sport, t.dport, now);
            if (e != null && table.gen(e.masterSlot) == e.masterGen) { // its master still lives
                table.orStatus(s, CtStatus.EXPECTED);
                v.state = CtState.RELATED;
                masterHelper = e.helper;
            }
        }
        CtTemplate tmpl = v.template;
        ConntrackHelper h = tmpl == null || tmpl.helper == null ? null : helperRegistry.get(tmpl.helper);
        if (h != null && h.protocol() != t.proto) {
            h = null;
        }
        if (h != null) {
            table.orStatus(s, CtStatus.HELPER);
        }
        int events = tmpl == null ? -1 : tmpl.eventMask;
        int expEvents = tmpl == null ? -1 : tmpl.expMask;
        if (events != -1) {
            eventMasks = true;
        }
        if (h != null || masterHelper != null || events != -1 || expEvents != -1) {
            bindings.bind(s, table.gen(s), h, masterHelper, events, expEvents);
        }
    }

    /** Runs the connection's helper on a packet with payload (at confirm time, after the rules accepted it). */
    private int runHelper(PacketContext p, CtView v) {
        HelperBindings.Binding b = bindings.get(v.slot, v.gen);
        if (b == null || b.helper() == null) {
            return Verdict.ACCEPT;
        }
        PacketTuple t = v.tuple;
        int l4 = t.l4;
        int payload;
        if (t.proto == 6) {
            if (!p.has(l4, 20)) {
                return Verdict.ACCEPT;
            }
            payload = l4 + (p.u8(l4 + 12) >>> 4) * 4;
        } else if (t.proto == 17) {
            payload = l4 + 8;
        } else {
            return Verdict.ACCEPT;
        }
        int len = t.ipEnd - payload;
        if (len <= 0) {
            return Verdict.ACCEPT;
        }
        int s = v.slot;
        int ports = table.ports(s);
        HelperConn c = helperConns[p.worker()].with(b.helper(), v.reply, ((table.meta(s) >>> 24) & 1) != 0,
                addressReader, ports >>> 16, ports & 0xffff, table.id(s), s, v.gen);
        return b.helper().help(p, payload, len, c);
    }

    private final HelperConn.Addresses addressReader = this::address;

    /** The original source or destination address of a slot as bytes (helper path only). */
    private byte[] address(int s, boolean source) {
        boolean v6 = ((table.meta(s) >>> 24) & 1) != 0;
        long hi = source ? table.sHi(s) : table.dHi(s);
        long lo = source ? table.sLo(s) : table.dLo(s);
        byte[] a = new byte[v6 ? 16 : 4];
        if (!v6) {
            for (int i = 0; i < 4; i++) {
                a[i] = (byte) (lo >>> (24 - 8 * i));
            }
        } else {
            for (int i = 0; i < 8; i++) {
                a[i] = (byte) (hi >>> (56 - 8 * i));
                a[8 + i] = (byte) (lo >>> (56 - 8 * i));
            }
        }
        return a;
    }

    /** The live expectations, as conntrack -L expect shows them. */
    @Override
    public List<Expectation> expectations() {
        return expectations.list(clock.getAsLong());
    }

    @Override
    public java.util.Set<String> helpers() {
        return helperRegistry.names();
    }

    /** Removes every expectation (conntrack -F expect). */
    @Override
    public int flushExpectations() {
        return expectations.removeIf(e -> true);
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
        if (r < 0) {
            return invalid(p, null, "icmp error for an unknown connection");
        }
        int s = r >>> 1;
        boolean reply = (r & 1) == 0; // the error travels against the quoted packet
        v.attach(s, CtState.RELATED, reply);
        found.increment();
        return Verdict.ACCEPT;
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
    public int carry(PacketContext p) {
        if (p.conntrack() == null) {
            CtView v = views[p.worker()];
            if (v.sameFrame(p)) {
                p.setConntrack(v);
            }
        }
        return Verdict.ACCEPT;
    }

    /** The confirm hook (INPUT and POSTROUTING, last priority): a new entry enters the table. */
    public int confirm(PacketContext p) {
        carry(p);
        Object o = p.conntrack();
        if (!(o instanceof CtView)) {
            return Verdict.ACCEPT;
        }
        CtView v = (CtView) o;
        if (v.live() && (table.status(v.slot) & CtStatus.HELPER) != 0) {
            int verdict = runHelper(p, v);
            if (verdict != Verdict.ACCEPT) {
                return verdict;
            }
        }
        if (!v.pending || !v.live()) {
            return Verdict.ACCEPT;
        }
        v.pending = false;
        int s = v.slot;
        int h = table.hashOf(s);
        StampedLock l = table.lock(h);
        ConntrackEntry snap = null;
        int clash;
        long stamp = l.writeLock();
        try {
            clash = table.find(h, v.tuple);
            if (clash < 0) {
                long now = clock.getAsLong();
                // As the kernel: the timeout of a new entry counts from its confirmation, so the NEW event
                // (and a listing right after) shows the whole timeout.
                table.setDeadline(s, now, table.pendingTimeout(s));
                table.orStatus(s, CtStatus.CONFIRMED);
                table.link(h, s);
                insert.increment();
                snap = snapshotIfListened(s, now);
            } else {
                insertFailed.increment();
                v.attach(clash >>> 1, v.state, (clash & 1) != 0);
            }
        } finally {
            l.unlockWrite(stamp);
        }
        if (clash >= 0) {
            table.free(s); // another worker confirmed the same connection first: use its entry
        }
        fire(ConntrackEvent.Type.NEW, snap);
        return Verdict.ACCEPT;
    }

    private void releasePending(CtView v) {
        if (v.pending && v.live()) {
            table.free(v.slot);
        }
        v.pending = false;
    }

    // ======================= table maintenance =======================

    /** More than {@link #PRESSURE_PERCENT} of the table in use. */
    private boolean underPressure() {
        return table.count() * 100L > (long) table.capacity * PRESSURE_PERCENT;
    }

    private int allocate(int hash, long now, CtView v) {
        int s = table.allocate();
        if (s >= 0) {
            return s;
        }
        if (earlyDrop(hash, now, v.candidate)) {
            s = table.allocate();
        }
        return s;
    }

    /**
     * Removes the least valuable entry near {@code hash}: expired first, then unreplied, then not assured,
     * then closing TCP. Assured, open connections are never taken. Looks at {@link #EVICTION_RANGE} buckets,
     * then up to {@link #EVICTION_RANGE_MAX}, so a SYN flood into a full table evicts its own kind.
     */
    boolean earlyDrop(int hash, long now) {
        return earlyDrop(hash, now, new SlotCandidate(this));
    }

    private boolean earlyDrop(int hash, long now, SlotCandidate cand) {
        EarlyDropPolicy policy = dropPolicy;
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
        if (kill(bestSlot, bestGen, now)) {
            earlyDrops.increment();
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

    /** Replaces the early-drop policy (null: the default one). */
    public void setEarlyDropPolicy(EarlyDropPolicy p) {
        dropPolicy = p == null ? EarlyDropPolicy.DEFAULT : p;
        policyFailed = false;
    }

    EarlyDropPolicy earlyDropPolicy() {
        return dropPolicy;
    }

    /** New or retransmitted unreplied entries given the pressure timeout so far. */
    long pressured() {
        return pressured.sum();
    }

    HalfClosedStats halfClosed() {
        return tcp.halfClosed;
    }

    /** TCP entries in CLOSE_WAIT now, and the longest time one has been there (ms). */
    long[] halfClosedNow() {
        long now = clock.getAsLong();
        long n = 0;
        long longest = 0;
        for (int b = 0; b < table.buckets(); b++) {
            if (table.head[b] == 0) {
                continue;
            }
            StampedLock l = table.lockOfBucket(b);
            long st = l.readLock();
            try {
                for (int e = table.head[b]; e != 0; e = table.next(e - 1)) {
                    int s = e - 1;
                    if (table.proto(s) == 6 && table.protoState[s] == TcpStates.CLOSE_WAIT) {
                        n++;
                        longest = Math.max(longest, table.age(s, now));
                    }
                }
            } finally {
                l.unlockRead(st);
            }
        }
        return new long[] { n, longest };
    }

    /** Removes a confirmed entry if it is still the same one (slot, gen). */
    private boolean kill(int s, int g, long now) {
        int h = table.hashOf(s);
        StampedLock l = table.lock(h);
        ConntrackEntry snap = null;
        boolean removed;
        long st = l.writeLock();
        try {
            removed = table.gen(s) == g && (table.status(s) & CtStatus.CONFIRMED) != 0 && table.unlink(h, s);
            if (removed) {
                snap = snapshotIfListened(s, now);
            }
        } finally {
            l.unlockWrite(st);
        }
        if (removed) {
            table.free(s);
            fire(ConntrackEvent.Type.DESTROY, snap);
        }
        return removed;
    }

    /**
     * Sweeps {@code buckets} buckets from where the last sweep stopped, removing expired entries.
     * Called periodically by the component (and by tests with an injected clock); returns how many died.
     */
    public int expire(int buckets) {
        long now = clock.getAsLong();
        int n = 0;
        int total = table.buckets();
        Removal r = new Removal();
        for (int i = 0; i < Math.min(buckets, total); i++) {
            int b = sweepCursor;
            sweepCursor = (sweepCursor + 1) & table.bucketMask;
            if (table.head[b] != 0) {
                n += removeWhere(b, b + 1, now, FilterMatcher.EXPIRED, r);
            }
        }
        if (!expectations.isEmpty()) {
            expectations.expire(now);
        }
        return n;
    }

    /** One full sweep. */
    public int expireAll() {
        return expire(table.buckets());
    }

    /** Slots removed from their chains under a lock, freed and reported after it is released. */
    private final class Removal {
        int[] dead = new int[16];
        int n;
        /** Breadth-first walk state per chain of a run: current entry, its predecessor, its bucket. */
        int[] cur = new int[0];
        int[] prev = cur;
        int[] bucket = cur;

        void ensure(int chains) {
            if (cur.length < chains) {
                cur = new int[chains];
                prev = new int[chains];
                bucket = new int[chains];
            }
        }
        List<ConntrackEntry> snaps;

        void add(int s, long now) {
            if (n == dead.length) {
                dead = java.util.Arrays.copyOf(dead, n * 2);
            }
            dead[n++] = s;
            if (hasListeners) {
                if (snaps == null) {
                    snaps = new ArrayList<>();
                }
                snaps.add(Snapshots.of(table, s, stateName(s), now));
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
                    fire(ConntrackEvent.Type.DESTROY, c);
                }
            }
            return done;
        }
    }

    /**
     * Removes the selected entries of buckets [from, to), which must lie in one lock stripe: the stripe's
     * lock is taken once for the whole run, chains are unlinked in place, and the slots go back to the
     * free stack in one batch.
     */
    private int removeWhere(int from, int to, long now, FilterMatcher m, Removal r) {
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

    /** Bulk removal: every stripe once, its run of buckets under one lock hold (selective flush). */
    private int removeAll(long now, FilterMatcher m) {
        Removal r = new Removal();
        int per = table.bucketsPerStripe();
        int n = 0;
        for (int i = 0; i < table.stripes(); i++) {
            n += removeWhere(i * per, (i + 1) * per, now, m, r);
        }
        return n;
    }

    // ======================= events =======================

    private final List<org.pkttables.conntrack.ExpectationListener> expectationListeners =
            new CopyOnWriteArrayList<>();

    public void addExpectationListener(org.pkttables.conntrack.ExpectationListener l) {
        expectationListeners.add(l);
    }

    public void removeExpectationListener(org.pkttables.conntrack.ExpectationListener l) {
        expectationListeners.remove(l);
    }

    /**
     * A helper created an expectation: NEW to the expectation listeners, unless the master's
     * {@code CT --expevents} mask leaves NEW out (bit 0).
     */
    private void expectationCreated(HelperConn c, ExpectationTable.Exp e) {
        if (expectationListeners.isEmpty()) {
            return;
        }
        HelperBindings.Binding b = bindings.get(c.slot(), c.gen());
        if (b != null && b.expMask() != -1 && (b.expMask() & 1) == 0) {
            return;
        }
        org.pkttables.conntrack.ExpectationEvent ev = new org.pkttables.conntrack.ExpectationEvent(
                org.pkttables.conntrack.ExpectationEvent.Type.NEW, e.snapshot(), clock.getAsLong());
        for (org.pkttables.conntrack.ExpectationListener l : expectationListeners) {
            try {
                l.onEvent(ev);
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "expectation listener " + l + " failed", ex);
            }
        }
    }

    public void addListener(ConntrackListener l) {
        listeners.add(l);
        hasListeners = true;
    }

    public void removeListener(ConntrackListener l) {
        listeners.remove(l);
        hasListeners = !listeners.isEmpty();
    }

    private ConntrackEntry snapshotIfListened(int s, long now) {
        return hasListeners ? Snapshots.of(table, s, stateName(s), now) : null;
    }

    private void fire(ConntrackEvent.Type type, ConntrackEntry e) {
        if (e == null) {
            return;
        }
        if (eventMasks) {
            HelperBindings.Binding b = bindings.get((int) e.id(), (int) (e.id() >>> 32));
            if (b != null && !org.pkttables.conntrack.impl.target.CtEvents.reports(b.eventMask(), type,
                    e.hasStatus(CtStatus.EXPECTED))) {
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

    String stateName(int s) {
        return trackers[table.proto(s)].stateName(s);
    }

    // ======================= ConntrackService =======================

    @Override
    public Optional<ConntrackEntry> lookup(int protocol, InetAddress src, InetAddress dst, int sport, int dport) {
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
            return Snapshots.of(table, s, stateName(s), clock.getAsLong());
        } finally {
            l.unlockRead(st);
        }
    }

    @Override
    public List<ConntrackEntry> list(ConntrackFilter filter) {
        FilterMatcher m = FilterMatcher.of(filter);
        long now = clock.getAsLong();
        List<ConntrackEntry> out = new ArrayList<>();
        for (int b = 0; b < table.buckets(); b++) {
            if (table.head[b] == 0) {
                continue;
            }
            StampedLock l = table.lockOfBucket(b);
            long st = l.readLock();
            try {
                for (int e = table.head[b]; e != 0; e = table.next(e - 1)) {
                    int s = e - 1;
                    if (table.left(s, now) > 0 && m.test(table, s, now)) {
                        out.add(Snapshots.of(table, s, stateName(s), now));
                    }
                }
            } finally {
                l.unlockRead(st);
            }
        }
        return out;
    }

    @Override
    public int count() {
        return table.confirmedCount();
    }

    @Override
    public int delete(ConntrackFilter filter) {
        return removeAll(clock.getAsLong(), FilterMatcher.of(filter));
    }

    @Override
    public boolean delete(long id) {
        int s = (int) id;
        if (s < 0 || s >= table.capacity) {
            return false;
        }
        return kill(s, (int) (id >>> 32), clock.getAsLong());
    }

    @Override
    public int flush(Predicate<ConntrackEntry> predicate) {
        return delete(FilterMatcher.of(predicate, this));
    }

    private int delete(FilterMatcher m) {
        return removeAll(clock.getAsLong(), m);
    }

    @Override
    public int flush() {
        return delete(ConntrackFilter.ALL);
    }

    @Override
    public ConntrackStats stats() {
        return new ConntrackStats(table.count(), table.capacity, found.sum(), invalid.sum(), insert.sum(),
                insertFailed.sum(), drop.sum(), earlyDrops.sum(), searched.sum());
    }

    @Override
    public Map<String, Long> timeouts() {
        return timeouts.asSeconds();
    }

    @Override
    public void setTimeout(String name, long seconds) {
        timeouts.set(name, seconds);
    }

    @Override
    public int max() {
        return table.capacity;
    }

    @Override
    public Optional<ConntrackEntry> updateMark(long id, int value, int mask) {
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
            snap = Snapshots.of(table, s, stateName(s), now);
        } finally {
            l.unlockWrite(st);
        }
        if (changed) {
            fire(ConntrackEvent.Type.UPDATE, snap);
        }
        return Optional.of(snap);
    }

    @Override
    public boolean accounting() {
        return accounting;
    }

    @Override
    public void setAccounting(boolean on) {
        accounting = on;
    }

    /**
     * Chain lengths of the table's buckets (the cttest-style distribution): element {@code n} counts the
     * buckets holding {@code n} entries; the last element counts every longer chain too. A racy but bounded
     * walk: a report, not an invariant.
     */
    public long[] chainLengthHistogram(int maxLength) {
        long[] h = new long[maxLength + 1];
        for (int b = 0; b < table.buckets(); b++) {
            h[Math.min(maxLength, table.chainLength(b))]++;
        }
        return h;
    }

    /** Number of hash buckets (fixed: twice the maximum rounded to a power of two). */
    public int buckets() {
        return table.buckets();
    }

    /** Lock-free lookup for benchmarks and tools: the slot and direction as {@code slot << 1 | reply}, or -1. */
    public int find(boolean v6, int proto, long sHi, long sLo, long dHi, long dLo, int sport, int dport,
            PacketTuple scratch) {
        scratch.v6 = v6;
        scratch.proto = proto;
        scratch.sHi = sHi;
        scratch.sLo = sLo;
        scratch.dHi = dHi;
        scratch.dLo = dLo;
        scratch.sport = sport;
        scratch.dport = dport;
        scratch.meta = PacketTuple.meta(v6, proto, 0, 0);
        scratch.dirConstraint = PacketTuple.ANY_DIR;
        return table.lookup(scratch);
    }
}
