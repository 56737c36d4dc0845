package org.pkttables.conntrack.impl;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import org.pkttables.api.PacketContext;
import org.pkttables.conntrack.ConntrackEntry;
import org.pkttables.conntrack.ConntrackFilter;
import org.pkttables.conntrack.ConntrackListener;
import org.pkttables.conntrack.ConntrackService;
import org.pkttables.conntrack.ConntrackStats;
import org.pkttables.conntrack.EarlyDropPolicy;
import org.pkttables.conntrack.Expectation;
import org.pkttables.conntrack.ExpectationListener;
import org.pkttables.conntrack.impl.helper.ExpectationTable;
import org.pkttables.conntrack.impl.helper.HelperBindings;
import org.pkttables.conntrack.impl.helper.HelperRegistry;

/**
 * Connection tracking, wired as the kernel splits it: the per-packet path ({@link ConntrackPath}, as
 * nf_conntrack_core: track at PREROUTING/OUTPUT, confirm at INPUT/POSTROUTING), the helpers and
 * expectations of new connections ({@link HelperPath}), table-full eviction ({@link EarlyDrop}), the
 * sweeping collector ({@link ExpirySweeper}), event delivery ({@link ConntrackEvents}, as
 * nf_conntrack_ecache), entry removal ({@link ConntrackRemoval}) and the query/delete service of the
 * {@code conntrack} command ({@link ConntrackQueries}, as ctnetlink). This class owns the table and those
 * parts, and is the bundle's {@link ConntrackService}: it only delegates.
 */
public final class ConntrackEngine implements ConntrackService {
    /** Defragmentation before conntrack (set by the component), for {@code conntrack-stat defrag}; null in tests. */
    public volatile org.pkttables.conntrack.impl.defrag.DefragHook defrag;

    /** Above this fill level new unreplied entries get the short pressure timeout (SYN flood defence). */
    static final int PRESSURE_PERCENT = 90;

    final ConntrackTable table;
    final Timeouts timeouts = new Timeouts();
    final TcpTracker tcp;
    /** The helpers' TCP sequence adjustments (nf_conntrack_seqadj). */
    public final SeqAdjust seqAdjust;

    // helpers and expectations (nf_conntrack_helper / nf_conntrack_expect)
    final ExpectationTable expectations = new ExpectationTable();
    final HelperBindings bindings = new HelperBindings();
    /** The deployed helpers; the component adds and removes them (whiteboard). */
    public final HelperRegistry helperRegistry = new HelperRegistry(bindings, expectations);

    /** The per-packet path; the hooks call it directly. */
    final ConntrackPath path;
    private final ConntrackEvents events;
    private final EarlyDrop earlyDrop;
    private final ExpirySweeper sweeper;
    private final ConntrackQueries queries;

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
        L4Tracker[] trackers = new L4Tracker[256];
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
        CtView[] views = new CtView[PacketContext.MAX_WORKERS];
        for (int i = 0; i < views.length; i++) {
            views[i] = new CtView(table, clock);
            views[i].bindings = bindings;
        }
        events = new ConntrackEvents(table, trackers, bindings, clock);
        ConntrackRemoval removal = new ConntrackRemoval(table, events);
        seqAdjust = new SeqAdjust(table);
        tcp.seqAdjust(seqAdjust);
        HelperPath helpers = new HelperPath(table, bindings, expectations, helperRegistry, events, clock, seqAdjust);
        earlyDrop = new EarlyDrop(table, removal);
        sweeper = new ExpirySweeper(table, removal, expectations, clock);
        queries = new ConntrackQueries(table, events, removal, expectations, helperRegistry, clock);
        path = new ConntrackPath(table, timeouts, trackers, views, clock, events, helpers, earlyDrop, seqAdjust);
    }

    // ======================= packet path (see ConntrackPath) =======================

    /** The conntrack hook at PREROUTING and OUTPUT. Always accepts: verdicts are the rules' business. */
    public int track(PacketContext p) {
        return path.track(p);
    }

    /** At hooks after PREROUTING/OUTPUT: finds this packet's view again (see {@link ConntrackPath#carry}). */
    public int carry(PacketContext p) {
        return path.carry(p);
    }

    /** The confirm hook (INPUT and POSTROUTING, last priority): a new entry enters the table. */
    public int confirm(PacketContext p) {
        return path.confirm(p);
    }

    /** A NAT engine for both families is there (true) or gone (false): see {@link ConntrackPath#natPresent}. */
    public void setNatPresent(boolean on) {
        path.natPresent4 = on;
        path.natPresent6 = on;
    }

    /** A NAT engine for {@code family} (IPv4 or IPv6) is there (true) or gone (false). */
    public void setNatPresent(org.pkttables.api.Family family, boolean on) {
        if (family == org.pkttables.api.Family.IPV6) {
            path.natPresent6 = on;
        } else {
            path.natPresent4 = on;
        }
    }

    /** Packets of NAT connections dropped while no NAT engine was there. */
    public long natOrphans() {
        return path.natOrphans.sum();
    }

    // ======================= table maintenance and diagnostics =======================

    /** Early drop near {@code hash} with a fresh candidate view (tests); see {@link EarlyDrop}. */
    boolean earlyDrop(int hash, long now) {
        return earlyDrop.drop(hash, now, new SlotCandidate(table));
    }

    /** Replaces the early-drop policy (null: the default one). */
    public void setEarlyDropPolicy(EarlyDropPolicy p) {
        earlyDrop.setPolicy(p);
    }

    EarlyDropPolicy earlyDropPolicy() {
        return earlyDrop.policy();
    }

    /**
     * Sweeps {@code buckets} buckets from where the last sweep stopped, removing expired entries.
     * Called periodically by the component (and by tests with an injected clock); returns how many died.
     */
    public int expire(int buckets) {
        return sweeper.expire(buckets);
    }

    /** One full sweep. */
    public int expireAll() {
        return expire(table.buckets());
    }

    /** New or retransmitted unreplied entries given the pressure timeout so far. */
    long pressured() {
        return path.pressured.sum();
    }

    HalfClosedStats halfClosed() {
        return tcp.halfClosed;
    }

    /** TCP entries in CLOSE_WAIT now, and the longest time one has been there (ms). */
    long[] halfClosedNow() {
        return queries.halfClosedNow();
    }

    /**
     * Chain lengths of the table's buckets (the cttest-style distribution): element {@code n} counts the
     * buckets holding {@code n} entries; the last element counts every longer chain too.
     */
    public long[] chainLengthHistogram(int maxLength) {
        return queries.chainLengthHistogram(maxLength);
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

    String stateName(int s) {
        return events.stateName(s);
    }

    // ======================= events =======================

    public void addListener(ConntrackListener l) {
        events.addListener(l);
    }

    public void removeListener(ConntrackListener l) {
        events.removeListener(l);
    }

    public void addExpectationListener(ExpectationListener l) {
        events.addExpectationListener(l);
    }

    public void removeExpectationListener(ExpectationListener l) {
        events.removeExpectationListener(l);
    }

    // ======================= ConntrackService (see ConntrackQueries) =======================

    @Override
    public Optional<ConntrackEntry> lookup(int protocol, InetAddress src, InetAddress dst, int sport, int dport) {
        return queries.lookup(protocol, src, dst, sport, dport);
    }

    @Override
    public List<ConntrackEntry> list(ConntrackFilter filter) {
        return queries.list(filter);
    }

    @Override
    public int count() {
        return table.confirmedCount();
    }

    @Override
    public int delete(ConntrackFilter filter) {
        return queries.delete(filter);
    }

    @Override
    public boolean delete(long id) {
        return queries.delete(id);
    }

    @Override
    public int flush(Predicate<ConntrackEntry> predicate) {
        return queries.flush(predicate);
    }

    @Override
    public int flush() {
        return delete(ConntrackFilter.ALL);
    }

    /** Counted slot by slot without taking a stripe lock: a racy walk, never in the packet path's way. */
    @Override
    public Map<Integer, Map<String, Long>> stateCounts() {
        Map<Integer, Map<String, Long>> out = new java.util.TreeMap<>();
        for (int s = 0; s < table.capacity; s++) {
            if ((table.status(s) & org.pkttables.conntrack.CtStatus.CONFIRMED) == 0) {
                continue;
            }
            String state = stateName(s);
            out.computeIfAbsent(table.proto(s), p -> new java.util.TreeMap<>())
                    .merge(state == null ? "" : state, 1L, Long::sum);
        }
        return out;
    }

    @Override
    public ConntrackStats stats() {
        ConntrackPath c = path;
        return new ConntrackStats(table.count(), table.capacity, c.found.sum(), c.invalid.sum(), c.insert.sum(),
                c.insertFailed.sum(), c.drop.sum(), earlyDrop.drops(), c.searched.sum());
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
        return queries.updateMark(id, value, mask);
    }

    /** The live expectations, as conntrack -L expect shows them. */
    @Override
    public List<Expectation> expectations() {
        return queries.expectations();
    }

    @Override
    public Set<String> helpers() {
        return queries.helpers();
    }

    /** Removes every expectation (conntrack -F expect). */
    @Override
    public int flushExpectations() {
        return queries.flushExpectations();
    }

    @Override
    public boolean accounting() {
        return queries.accounting();
    }

    @Override
    public void setAccounting(boolean on) {
        queries.setAccounting(on);
    }
}
