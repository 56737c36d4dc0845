package org.pkttables.io.router;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

import org.pkttables.api.ext.InetText;
import org.pkttables.io.frames.IpHeaders;

/**
 * The router's neighbour table (ARP and IPv6 neighbour discovery), shared by all workers: IP address on
 * a port to MAC address. Replies arrive on whichever worker the flow hash picks while the packets
 * waiting for them sit on others, hence one table for all. Lookups are allocation-free (a worker's
 * own mutable {@link Key} probes the map); entries are created only on a miss or by a solicitation.
 *
 * <p>States, simplified from the kernel's: INCOMPLETE (probes sent, no answer yet), REACHABLE (answered;
 * past the ageing time it is STALE: still used, while the router re-solicits it once a second, and
 * forgotten {@link #GRACE_NS} later unless it answers, so a live flow never waits for it), FAILED
 * (no answer after {@link #MAX_PROBES} probes one second apart; its waiting packets get ICMP host
 * unreachable, and the entry goes away on the next sweep so a later packet tries again).
 */
final class NeighbourTable {
    static final int INCOMPLETE = 0;
    static final int REACHABLE = 1;
    static final int FAILED = 2;
    static final int MAX_PROBES = 3;
    static final long PROBE_INTERVAL_NS = 1_000_000_000L;
    /** How long a stale entry is still used while it is being re-solicited. */
    static final long GRACE_NS = (MAX_PROBES + 1) * PROBE_INTERVAL_NS;

    /** A neighbour: written under its own lock (rare), read without one. */
    public static final class Entry {
        final Key key;
        public volatile long mac = -1;
        public volatile int state = INCOMPLETE;
        /** When it was last confirmed (REACHABLE) or created/failed. */
        volatile long updated;
        volatile long lastProbe;
        volatile int probes;

        Entry(Key key, long now) {
            this.key = key;
            this.updated = now;
        }
    }

    /** Port index and address (4 or 16 bytes). Mutable so a worker can probe the map without allocating. */
    static final class Key {
        public final byte[] a = new byte[16];
        public int len;
        public int port;
        private int hash;

        public Key set(int port, byte[] b, int off, int len) {
            this.port = port;
            this.len = len;
            int h = port * 31 + len;
            for (int i = 0; i < len; i++) {
                a[i] = b[off + i];
                h = h * 31 + b[off + i];
            }
            hash = h;
            return this;
        }

        public Key copy() {
            return new Key().set(port, a, 0, len);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            return k.port == port && k.len == len && Arrays.equals(a, 0, len, k.a, 0, len);
        }

        /** As {@code ip neigh} prints it (IPv6 compressed: fd00:1::2). */
        public String address() {
            if (len == 4) {
                return InetText.formatIpv4(IpHeaders.u32(a, 0));
            }
            return InetText.formatIpv6(IpHeaders.u32(a, 0) << 32 | IpHeaders.u32(a, 4),
                    IpHeaders.u32(a, 8) << 32 | IpHeaders.u32(a, 12));
        }
    }

    private final ConcurrentHashMap<Key, Entry> map = new ConcurrentHashMap<>();
    private final long ageingNs;
    private final int max;

    NeighbourTable(long ageingNs, int max) {
        this.ageingNs = ageingNs;
        this.max = max;
    }

    long ageingNs() {
        return ageingNs;
    }

    /** The entry for {@code probe}, or null. A REACHABLE entry stale for longer than its grace counts as absent. */
    public Entry get(Key probe, long now) {
        Entry e = map.get(probe);
        if (e != null && e.state == REACHABLE && now - e.updated > ageingNs + GRACE_NS) {
            map.remove(e.key, e);
            return null;
        }
        return e;
    }

    /** True when the reachable entry {@code e} is stale and due for a refresh solicitation (one per interval). */
    boolean refreshDue(Entry e, long now) {
        if (now - e.updated <= ageingNs || now - e.lastProbe < PROBE_INTERVAL_NS) {
            return false;
        }
        synchronized (e) {
            if (e.state != REACHABLE || now - e.updated <= ageingNs || now - e.lastProbe < PROBE_INTERVAL_NS) {
                return false;
            }
            e.lastProbe = now;
            return true;
        }
    }

    /**
     * The entry for {@code probe}, created INCOMPLETE when absent; null when the table is full. The
     * caller that created it ({@link Entry#probes} still 0) sends the first probe.
     */
    public Entry resolve(Key probe, long now) {
        Entry e = get(probe, now);
        if (e != null) {
            return e;
        }
        if (map.size() >= max) {
            return null;
        }
        Key k = probe.copy();
        Entry fresh = new Entry(k, now);
        Entry prev = map.putIfAbsent(k, fresh);
        return prev != null ? prev : fresh;
    }

    /**
     * Records that {@code probe} is at {@code mac} (an ARP reply or request to us, a neighbour
     * advertisement or solicitation). With {@code create} false only an existing entry is updated.
     * Returns true when an entry became reachable that was not (waiting packets can go).
     */
    boolean confirm(Key probe, long mac, long now, boolean create) {
        Entry e = map.get(probe);
        if (e == null) {
            if (!create || map.size() >= max) {
                return false;
            }
            Key k = probe.copy();
            Entry fresh = new Entry(k, now);
            e = map.putIfAbsent(k, fresh);
            if (e == null) {
                e = fresh;
            }
        }
        synchronized (e) {
            boolean was = e.state == REACHABLE && e.mac == mac;
            e.mac = mac;
            e.updated = now;
            e.probes = 0;
            e.state = REACHABLE;
            return !was;
        }
    }

    /**
     * Decides whether the caller should send a probe for {@code e} now (at most one per interval over
     * all workers); marks it FAILED after the last probe went unanswered.
     */
    boolean probeDue(Entry e, long now) {
        if (e.state != INCOMPLETE) {
            return false;
        }
        synchronized (e) {
            if (e.state != INCOMPLETE || (e.probes > 0 && now - e.lastProbe < PROBE_INTERVAL_NS)) {
                return false;
            }
            if (e.probes >= MAX_PROBES) {
                e.state = FAILED;
                e.updated = now;
                return false;
            }
            e.probes++;
            e.lastProbe = now;
            return true;
        }
    }

    /** Forgets stale entries past their grace and FAILED ones older than a probe interval. */
    void sweep(long now) {
        for (Entry e : map.values()) {
            int s = e.state;
            if ((s == REACHABLE && now - e.updated > ageingNs + GRACE_NS)
                    || (s == FAILED && now - e.updated > PROBE_INTERVAL_NS)) {
                map.remove(e.key, e);
            }
        }
    }

    public int size() {
        return map.size();
    }

    /** {@code ip neigh} style lines, sorted by port then address. */
    List<String> list(String[] portNames, long now) {
        List<String> lines = new ArrayList<>();
        for (Entry e : sorted()) {
            int s = e.state;
            boolean stale = s == REACHABLE && now - e.updated > ageingNs;
            StringBuilder sb = new StringBuilder(e.key.address()).append(" dev ").append(portNames[e.key.port]);
            if (s == REACHABLE) {
                sb.append(" lladdr ").append(macString(e.mac));
            }
            sb.append(' ').append(stale ? "STALE" : s == REACHABLE ? "REACHABLE" : s == FAILED ? "FAILED"
                    : "INCOMPLETE");
            sb.append(String.format(Locale.ROOT, " (%d s)", Math.max(0, (now - e.updated) / 1_000_000_000L)));
            lines.add(sb.toString());
        }
        return lines;
    }

    /** The entries as data ({@code neigh --json}): address, port, MAC (when known), state, seconds since confirmed. */
    List<java.util.Map<String, Object>> data(String[] portNames, long now) {
        List<java.util.Map<String, Object>> out = new ArrayList<>();
        for (Entry e : sorted()) {
            int s = e.state;
            boolean stale = s == REACHABLE && now - e.updated > ageingNs;
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("address", e.key.address());
            m.put("dev", portNames[e.key.port]);
            if (s == REACHABLE) {
                m.put("lladdr", macString(e.mac));
            }
            m.put("state", stale ? "STALE" : s == REACHABLE ? "REACHABLE" : s == FAILED ? "FAILED" : "INCOMPLETE");
            m.put("age", Math.max(0, (now - e.updated) / 1_000_000_000L));
            out.add(m);
        }
        return out;
    }

    private List<Entry> sorted() {
        List<Entry> es = new ArrayList<>(map.values());
        es.sort((x, y) -> x.key.port != y.key.port ? Integer.compare(x.key.port, y.key.port)
                : Arrays.compareUnsigned(x.key.a, 0, x.key.len, y.key.a, 0, y.key.len));
        return es;
    }

    static String macString(long mac) {
        StringBuilder sb = new StringBuilder();
        for (int i = 5; i >= 0; i--) {
            sb.append(String.format(Locale.ROOT, "%02x", (mac >>> (8 * i)) & 0xff));
            if (i > 0) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}
