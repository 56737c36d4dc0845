package org.pkttables.nat;

import java.util.concurrent.atomic.LongAdder;

import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.CtStatus;
import org.pkttables.conntrack.NatEntry;

/**
 * The NAT engine, as the kernel's nf_nat_core: {@link #setup} gives a new connection its binding
 * ({@code nf_nat_setup_info}: a unique tuple in the target's range, stored as the connection's reply
 * tuple; IPv4 and IPv6 alike), {@link #translate} rewrites every packet of a bound IPv4 connection from the
 * two tuples ({@code nf_nat_packet}), without visiting the table (core.nat66 rewrites IPv6 ones). Each
 * family's bundle has an engine of its own. Allocation-free except where a new connection asks the routing
 * table for an address (MASQUERADE, REDIRECT).
 */
public final class NatCore {
    /** Source NAT (SNAT, MASQUERADE; INPUT and POSTROUTING). */
    public static final int SRC = 0;
    /** Destination NAT (DNAT, REDIRECT; PREROUTING and OUTPUT). */
    public static final int DST = 1;

    public static final int RANDOM = 1;
    public static final int RANDOM_FULLY = 2;
    public static final int PERSISTENT = 4;

    /** Where MASQUERADE and REDIRECT find the appliance's address on a port (router mode's address table). */
    public interface Addresses {
        /**
         * The IPv4 address the appliance uses on {@code iface} towards the destination of {@code p} (the
         * kernel's inet_select_addr), or -1 when it has none.
         */
        long ipv4(String iface, PacketContext p);

        /**
         * The IPv6 address the appliance uses on {@code iface} towards the packet's destination, {hi, lo}, or
         * null (the default: an address table with IPv4 addresses only).
         */
        default long[] ipv6(String iface, PacketContext p) {
            return null;
        }
    }

    /** The range of a null binding: no ports, the address given with it. */
    private static final NatRange NULL_RANGE = NatRange.addresses(0, 0);

    private volatile Addresses addresses;
    /** nf_nat_l4proto_unique_tuple's max_attempts: the first round of the port search. */
    static final int MAX_ATTEMPTS = 128;

    /** Per worker: state of the port search's random generator (xorshift; 0: none), no sharing between workers. */
    private final long[] rnd = new long[PacketContext.MAX_WORKERS * 8];
    /** Per worker: an IPv6 address picked from a range (high, low), for new connections only. */
    private final long[] pick = new long[PacketContext.MAX_WORKERS * 8];
    /** Source mappings of connections bound for source NAT (the kernel's nf_nat_bysource). */
    private final NatBySource bySource = new NatBySource(1 << 16);
    /** Per worker: a mapping found in {@link #bySource}, for new connections only. */
    private final long[] found = new long[PacketContext.MAX_WORKERS * 8];
    /** New connections refused because their range had no unique tuple left. */
    public final LongAdder exhausted = new LongAdder();
    /**
     * Set once a connection got a binding that changed its tuple: from then on, fragments after the first
     * (which carry no ports, so conntrack cannot tell their connection, and reassembly is not built) are
     * dropped rather than forwarded untranslated.
     */
    public volatile boolean inUse;
    /** Non-first fragments dropped while NAT is in use. */
    public final LongAdder fragments = new LongAdder();
    /** Packets dropped because MASQUERADE or REDIRECT found no address on the port. */
    public final LongAdder noAddress = new LongAdder();

    /**
     * A core whose port searches start at the first port of their range, every round (no randomness): the
     * kernel's search made predictable, for tests that name the port a clash moves to.
     */
    public NatCore() {
    }

    /** A core whose port searches start at random offsets, as the kernel's: {@code seed} seeds each worker's generator. */
    public NatCore(long seed) {
        for (int i = 0; i < PacketContext.MAX_WORKERS; i++) {
            // splitmix64 of the seed and the worker: every seed and worker a generator of its own
            long z = seed + (i + 1) * 0x9E3779B97F4A7C15L;
            z = (z ^ z >>> 30) * 0xBF58476D1CE4E5B9L;
            z = (z ^ z >>> 27) * 0x94D049BB133111EBL;
            rnd[i * 8] = (z ^ z >>> 31) | 1;
        }
    }

    public void setAddresses(Addresses a) {
        addresses = a;
    }

    /** The address of {@code iface} (MASQUERADE, REDIRECT), -1 when there is none or no address table. */
    public long address(String iface, PacketContext p) {
        Addresses a = addresses;
        long v = a == null || iface == null ? -1 : a.ipv4(iface, p);
        if (v < 0 && !(p.conntrack() instanceof NatExplain)) {
            noAddress.increment();
        }
        return v;
    }

    /** The IPv6 address of {@code iface} as {hi, lo} (MASQUERADE, REDIRECT), null when there is none. */
    public long[] address6(String iface, PacketContext p) {
        Addresses a = addresses;
        long[] v = a == null || iface == null ? null : a.ipv6(iface, p);
        if (v == null && !(p.conntrack() instanceof NatExplain)) {
            noAddress.increment();
        }
        return v;
    }

    public static NatEntry entry(PacketContext p) {
        Object o = p.conntrack();
        if (!(o instanceof NatEntry)) {
            return null;
        }
        NatEntry e = (NatEntry) o;
        return e.hasEntry() ? e : null;
    }

    // ---------------------------------------------------------------- binding (new connections)

    /** IPv4: binds to {@code addr} when not negative (MASQUERADE, REDIRECT, NETMAP), else to the range's. */
    public int setup(PacketContext p, int manip, NatRange r, long addr, int flags) {
        return setup(p, manip, r, addr >= 0, 0, addr, flags);
    }

    /**
     * Binds the new connection of {@code p} for one manip type to a unique tuple in {@code r}
     * (nf_nat_setup_info): to the address {@code addrHi:addr} when {@code given} (MASQUERADE, REDIRECT,
     * NETMAP; IPv4: {@code addrHi} 0), else to one in the range. Returns ACCEPT, or DROP (counted) when the
     * range has no unique tuple left.
     *
     * <p>The choice is the kernel's {@code get_unique_tuple} (net/netfilter/nf_nat_core.c, 6.x): 1) source
     * NAT without {@code --random}/{@code --random-fully} keeps the tuple when it is in the range and unique;
     * 2) the address is {@code find_best_ips_proto}'s ({@link NatAddressChoice}); 3) without random flags the
     * port (echo id) is kept when in the range and unique (a one-port range: kept, unique or not, and a clash
     * then fails at confirm as in the kernel); 4) else {@code nf_nat_l4proto_unique_tuple} searches the
     * range. Step 1 also has the kernel's {@code find_appropriate_src}: a source not in the range takes the
     * mapping of a live connection from the same source address and port ({@link NatBySource}).
     */
    public int setup(PacketContext p, int manip, NatRange r, boolean given, long addrHi, long addr, int flags) {
        NatEntry e = entry(p);
        int done = manip == SRC ? CtStatus.SRC_NAT_DONE : CtStatus.DST_NAT_DONE;
        if (e == null || !e.unconfirmed() || (e.status() & done) != 0) {
            return Verdict.ACCEPT; // not tracked, not new, or decided already: as the kernel, nothing to do
        }
        // The tuple as the original direction looks now: the inverse of the current reply tuple (an earlier
        // DNAT of this connection shows in it when SNAT decides). IPv6: high words too (IPv4: 0).
        long cs = e.dstAddr(true);
        long cd = e.srcAddr(true);
        long csH = e.dstAddrHi(true);
        long cdH = e.srcAddrHi(true);
        int csp = e.dstPort(true);
        int cdp = e.srcPort(true);
        int proto = e.protocol();
        long a = manip == SRC ? cs : cd;
        long aH = manip == SRC ? csH : cdH;
        int key = manip == SRC ? csp : cdp;
        boolean ports = hasPorts(proto);
        boolean icmp = proto == 1 || proto == 58;
        boolean randomAll = (flags & (RANDOM | RANDOM_FULLY)) != 0;
        // The address a MASQUERADE, REDIRECT or NETMAP computed for this connection, else the range's.
        boolean mapIps = given || r.mapIps();
        long minH = given ? addrHi : r.minHi();
        long minA = given ? addr : r.minAddr();
        long maxH = given ? addrHi : r.maxHi();
        long maxA = given ? addr : r.maxAddr();
        // l4proto_in_range: the echo id or the manipulated port; other protocols are always in range.
        boolean keyInRange = !r.protoSpecified() || !(ports || icmp) || key >= r.minPort() && key <= r.maxPort();
        // 1) Source NAT keeps the tuple when it is in the range and unique (in_range, nf_nat_used_tuple), else
        // takes the mapping of the same source's live connection when in the range and unique
        // (find_appropriate_src).
        if (manip == SRC && !randomAll) {
            if ((!mapIps || cmp(aH, a, minH, minA) >= 0 && cmp(aH, a, maxH, maxA) <= 0) && keyInRange) {
                if (!used(e, csH, cs, csp, cdH, cd, cdp)) {
                    return bind(e, manip, csH, cs, csp, cdH, cd, cdp, done);
                }
            } else {
                int at = p.worker() * 8;
                if (bySource.find(proto, csH, cs, csp, found, at)) {
                    long mH = found[at];
                    long m = found[at + 1];
                    int mp = (int) found[at + 2];
                    // the connection it was recorded for is still there: its reply tuple is in the table
                    boolean alive = e.taken(found[at + 3], found[at + 4], (int) found[at + 5], mH, m, mp);
                    if (alive && (!mapIps || cmp(mH, m, minH, minA) >= 0 && cmp(mH, m, maxH, maxA) <= 0)
                            && (!r.protoSpecified() || !(ports || icmp) || mp >= r.minPort() && mp <= r.maxPort())
                            && !used(e, mH, m, mp, cdH, cd, icmp ? mp : cdp)) {
                        return bindKey(e, manip, mH, m, cdH, cd, csp, cdp, mp, icmp, done);
                    }
                }
            }
        }
        // 2) The address: find_best_ips_proto.
        long na = a;
        long naH = aH;
        if (mapIps) {
            boolean persistent = (flags & PERSISTENT) != 0;
            if (e.ipv4()) {
                na = NatAddressChoice.ipv4(cs, cd, minA, maxA, persistent);
            } else {
                int at = p.worker() * 8;
                NatAddressChoice.ipv6(csH, cs, cdH, cd, minH, minA, maxH, maxA, persistent, manip == DST, pick, at);
                naH = pick[at];
                na = pick[at + 1];
            }
        }
        long ns = manip == SRC ? na : cs;
        long nd = manip == DST ? na : cd;
        long nsH = manip == SRC ? naH : csH;
        long ndH = manip == DST ? naH : cdH;
        // 3) Only bother mapping the port if it is not already in range and unique.
        if (!randomAll) {
            if (r.protoSpecified()) {
                if (r.basePort() == 0 && keyInRange
                        && (r.minPort() == r.maxPort() || !used(e, nsH, ns, csp, ndH, nd, cdp))) {
                    return bindKey(e, manip, nsH, ns, ndH, nd, csp, cdp, key, icmp, done);
                }
            } else if (!used(e, nsH, ns, csp, ndH, nd, cdp)) {
                return bindKey(e, manip, nsH, ns, ndH, nd, csp, cdp, key, icmp, done);
            }
        }
        // 4) nf_nat_l4proto_unique_tuple.
        if (!ports && !icmp) {
            // No ports to make it unique with: the address alone decides (a clash is caught at confirm).
            return bindKey(e, manip, nsH, ns, ndH, nd, csp, cdp, key, false, done);
        }
        int min;
        int size;
        if (r.protoSpecified()) {
            min = Math.min(r.minPort(), r.maxPort());
            size = Math.abs(r.maxPort() - r.minPort()) + 1;
        } else if (icmp) {
            min = 0;
            size = 65536;
        } else if (manip == DST) {
            // No range for a destination port: it stays, unique or not (the kernel does the same).
            return bindKey(e, manip, nsH, ns, ndH, nd, csp, cdp, key, false, done);
        } else if (key < 512) {
            min = 1;
            size = 511;
        } else if (key < 1024) {
            min = 600;
            size = 1023 - 600 + 1;
        } else {
            min = 1024;
            size = 65535 - 1024 + 1;
        }
        // The kernel's search: from a random 16-bit offset (DNAT's port shift: the key's offset from the base;
        // destination NAT without --random: the range's first port, "netfilter: nat: restore default DNAT
        // behavior", 6.8), at most 128 tries, then from a new random offset with half as many, down to 16: a
        // bounded search in softirq (--random and --random-fully are alike: both skip steps 1 and 3). Out of
        // tries, the kernel keeps a taken tuple and drops the packet at confirm (insert_failed): here the
        // same counters, at once.
        int off = r.basePort() != 0 ? (key - r.basePort()) & 0xffff
                : randomAll || manip != DST ? random16(p.worker()) : 0;
        int attempts = Math.min(size, MAX_ATTEMPTS);
        while (true) {
            for (int i = 0; i < attempts; i++, off = (off + 1) & 0xffff) {
                int k = min + off % size;
                if (!used(e, nsH, ns, manip == SRC || icmp ? k : csp, ndH, nd, manip == DST || icmp ? k : cdp)) {
                    return bindKey(e, manip, nsH, ns, ndH, nd, csp, cdp, k, icmp, done);
                }
            }
            if (attempts >= size || attempts < 16) {
                break;
            }
            attempts /= 2;
            off = random16(p.worker());
        }
        exhausted.increment();
        e.refused();
        return Verdict.DROP;
    }

    /** Unsigned order of two 128-bit addresses (IPv4: high words 0). */
    private static int cmp(long aH, long a, long bH, long b) {
        int c = Long.compareUnsigned(aH, bH);
        return c != 0 ? c : Long.compareUnsigned(a, b);
    }

    /** The null binding for a new connection no rule bound (nf_nat_alloc_null_binding): unique, same addresses. */
    public int nullBinding(PacketContext p, int manip) {
        NatEntry e = entry(p);
        if (e == null) {
            return Verdict.ACCEPT;
        }
        long a = manip == SRC ? e.dstAddr(true) : e.srcAddr(true);
        long aH = manip == SRC ? e.dstAddrHi(true) : e.srcAddrHi(true);
        return setup(p, manip, NULL_RANGE, true, aH, a, 0);
    }

    private int bindKey(NatEntry e, int manip, long nsH, long ns, long ndH, long nd, int csp, int cdp, int key,
            boolean icmp, int done) {
        int nsp = manip == SRC || icmp ? key : csp;
        int ndp = manip == DST || icmp ? key : cdp;
        return bind(e, manip, nsH, ns, nsp, ndH, nd, ndp, done);
    }

    /** Stores the new original-direction tuple as its inverse, the reply tuple, if it changed anything. */
    private int bind(NatEntry e, int manip, long nsH, long ns, int nsp, long ndH, long nd, int ndp, int done) {
        long cs = e.dstAddr(true);
        long cd = e.srcAddr(true);
        int csp = e.dstPort(true);
        int cdp = e.srcPort(true);
        if (ns != cs || nd != cd || nsp != csp || ndp != cdp || nsH != e.dstAddrHi(true)
                || ndH != e.srcAddrHi(true)) {
            e.setReply(ndH, nd, ndp, nsH, ns, nsp, manip == SRC ? CtStatus.SRC_NAT : CtStatus.DST_NAT);
            if (!(e instanceof NatExplain)) {
                inUse = true; // explain's connection is no real one
            }
        }
        if (manip == SRC && !(e instanceof NatExplain)) {
            // nf_nat_setup_info adds every source NAT binding (null bindings too) to the by-source hash
            bySource.put(e.protocol(), e.srcAddrHi(false), e.srcAddr(false), e.srcPort(false), nsH, ns, nsp, ndH, nd, ndp);
        }
        e.natDone(done);
        return Verdict.ACCEPT;
    }

    /** nf_nat_used_tuple: is the reply tuple of this original tuple taken by another connection? */
    private static boolean used(NatEntry e, long sH, long s, int sp, long dH, long d, int dp) {
        return e.taken(dH, d, dp, sH, s, sp);
    }

    public static boolean hasPorts(int proto) {
        return proto == 6 || proto == 17 || proto == 132 || proto == 33 || proto == 136;
    }

    /**
     * The kernel's {@code get_random_u16()} for the port search: per worker xorshift, or always 0 for a core
     * made without a seed (tests: the search then starts at the range's first port).
     */
    private int random16(int worker) {
        int i = worker * 8;
        long x = rnd[i];
        if (x == 0) {
            return 0;
        }
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        rnd[i] = x;
        return (int) (x >>> 48);
    }

    // ---------------------------------------------------------------- translation (every packet)

    /**
     * Whether a packet of the bound connection {@code e} needs rewriting for one manip type: the source
     * (SRC) or destination (DST) of its direction was translated.
     */
    public static boolean translates(NatEntry e, int manip) {
        int bit = manip == SRC ? CtStatus.SRC_NAT : CtStatus.DST_NAT;
        if (e.isReply()) {
            bit ^= CtStatus.NAT_MASK;
        }
        return (e.status() & bit) != 0;
    }

    /**
     * Rewrites the IPv4 packet of a bound connection for one manip type (nf_nat_packet): the source (SRC) or
     * destination (DST) becomes what the other direction's tuple says it must be. IPv6 is core.nat66's.
     */
    public int translate(PacketContext p, NatEntry e, int manip) {
        if (!translates(e, manip)) {
            return Verdict.ACCEPT;
        }
        boolean reply = e.isReply();
        int l3 = p.l3Offset();
        int l4 = p.l4Offset();
        int proto = p.l4Proto();
        boolean other = !reply;
        if (!e.ipv4()) {
            return Verdict.DROP; // an IPv6 connection is the NAT66 bundle's: never passed on untranslated here
        }
        if (proto == 1 && isIcmpError(p.u8(l4))) {
            return translateIcmpError(p, e, manip, reply);
        }
        if (manip == SRC) {
            NatRewrite.manip(p, l3, l4, proto, true, e.dstAddr(other), e.dstPort(other), NatRewrite.PACKET);
        } else {
            NatRewrite.manip(p, l3, l4, proto, false, e.srcAddr(other), e.srcPort(other), NatRewrite.PACKET);
        }
        return Verdict.ACCEPT;
    }

    static boolean isIcmpError(int type) {
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    /**
     * An ICMP error about a packet of a bound connection (nf_nat_icmp_reply_translation): the quoted packet
     * is translated back as it was seen, the error's own header as a reply to it, and the ICMP checksum is
     * computed again over the message.
     */
    private int translateIcmpError(PacketContext p, NatEntry e, int manip, boolean reply) {
        int l3 = p.l3Offset();
        int l4 = p.l4Offset();
        int il3 = l4 + 8;
        int ihl = (p.u8(il3) & 0x0f) * 4;
        if (ihl < 20 || !p.has(il3, ihl + 4)) {
            return Verdict.DROP;
        }
        int iproto = p.u8(il3 + 9);
        int il4 = il3 + ihl;
        boolean other = !reply;
        // The quoted packet travelled in the other direction: its opposite part is set from that tuple.
        if (manip == SRC) {
            NatRewrite.manip(p, il3, il4, iproto, false, e.dstAddr(other), e.dstPort(other), NatRewrite.QUOTED);
            NatRewrite.manip(p, l3, -1, 1, true, e.dstAddr(other), 0, NatRewrite.HEADER_ONLY);
        } else {
            NatRewrite.manip(p, il3, il4, iproto, true, e.srcAddr(other), e.srcPort(other), NatRewrite.QUOTED);
            NatRewrite.manip(p, l3, -1, 1, false, e.srcAddr(other), 0, NatRewrite.HEADER_ONLY);
        }
        NatRewrite.icmpChecksum(p, l4, Math.min(p.end(), l3 + p.u16(l3 + 2)), 0);
        return Verdict.ACCEPT;
    }
}
