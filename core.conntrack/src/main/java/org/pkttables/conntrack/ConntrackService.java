package org.pkttables.conntrack;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.osgi.annotation.versioning.ProviderType;

/** The connection table, as ctnetlink offers it: lookup, list, delete, flush, counters, timeouts. */
@ProviderType
public interface ConntrackService {
    /**
     * The entry a packet with this tuple belongs to, from either direction.
     *
     * @param protocol IP protocol number; for ICMP/ICMPv6 the ports are the echo id
     */
    Optional<ConntrackEntry> lookup(int protocol, InetAddress src, InetAddress dst, int sport, int dport);

    /** Snapshots of the confirmed entries that pass the filter. */
    List<ConntrackEntry> list(ConntrackFilter filter);

    /** Number of confirmed entries. */
    int count();

    /** Removes the entries the filter selects (DESTROY events); returns how many. */
    int delete(ConntrackFilter filter);

    /** Removes the entry with this id; false when there is none. */
    boolean delete(long id);

    /** Removes every entry the predicate selects (it sees snapshots: slower than the filter form). */
    int flush(Predicate<ConntrackEntry> predicate);

    /** Removes every entry. */
    int flush();

    ConntrackStats stats();

    /**
     * The confirmed entries per protocol number and state name ({@code ""} for protocols without states),
     * as a metrics scrape wants them. The engine counts without a lock on the packet path (a racy walk:
     * an entry changing meanwhile may be counted in its old or new state); this default lists snapshots.
     *
     * @since 1.4.0
     */
    default Map<Integer, Map<String, Long>> stateCounts() {
        Map<Integer, Map<String, Long>> out = new java.util.TreeMap<>();
        for (ConntrackEntry e : list(ConntrackFilter.ALL)) {
            out.computeIfAbsent(e.protocol(), p -> new java.util.TreeMap<>())
                    .merge(e.state() == null ? "" : e.state(), 1L, Long::sum);
        }
        return out;
    }

    /**
     * Current timeouts in seconds, by the kernel's sysctl names without the {@code nf_conntrack_} prefix:
     * {@code tcp_timeout_established}, {@code udp_timeout}, {@code udp_timeout_stream}, {@code icmp_timeout} …
     */
    Map<String, Long> timeouts();

    /**
     * Changes one timeout; existing entries get it at their next packet, as in the kernel.
     *
     * @throws IllegalArgumentException for an unknown name or a negative value
     */
    void setTimeout(String name, long seconds);

    /** Maximum number of entries (nf_conntrack_max). */
    int max();

    /** The live expectations helpers created ({@code conntrack -L expect}). */
    List<Expectation> expectations();

    /** Removes every expectation ({@code conntrack -F expect}); returns how many. */
    int flushExpectations();

    /** Names of the conntrack helpers deployed right now. */
    java.util.Set<String> helpers();

    /**
     * Sets the mark of the entry with this id to {@code (mark & ~mask) | (value & mask)}, as
     * {@code conntrack -U --mark value/mask} does (an UPDATE event when it changed).
     *
     * @return the entry after the update, or empty when there is no such entry any more
     */
    Optional<ConntrackEntry> updateMark(long id, int value, int mask);

    /**
     * Whether listings and DESTROY events carry the per-direction packet and byte counters
     * (net.netfilter.nf_conntrack_acct). The counters are kept either way (connbytes reads them).
     */
    boolean accounting();

    void setAccounting(boolean on);
}
