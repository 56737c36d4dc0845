package org.pkttables.io.router;

import java.util.IdentityHashMap;
import java.util.List;

import org.pkttables.route.InterfaceAddress;
import org.pkttables.route.NextHop;
import org.pkttables.route.Route;
import org.pkttables.route.RoutingTable;
import org.pkttables.io.workers.FlowHash;

/**
 * One router worker's view of the {@link RoutingTable}: where each next hop leaves (port index and
 * gateway) and the appliance's addresses per port. Rebuilt only when the table's generation moves, so
 * the packet path finds a route's port without allocating.
 */
final class RouteCache {
    /** Where a next hop leaves: port index and gateway (null: the destination is on the link). */
    static final class Hop {
        public final int port;
        final byte[] gw;

        Hop(int port, byte[] gw) {
            this.port = port;
            this.gw = gw;
        }
    }

    private final RoutingTable rt;
    /** Port names by index (interned). */
    private final String[] names;

    private long generation = -1;
    private final IdentityHashMap<NextHop, Hop> hops = new IdentityHashMap<>();
    private byte[][][] v4Addrs;
    private int[][] v4Prefix;
    private byte[][][] v6Addrs;
    private int[][] v6Prefix;

    RouteCache(RoutingTable rt, String[] names) {
        this.rt = rt;
        this.names = names;
    }

    /** Rebuilds the caches if the routing table changed since. */
    void refresh() {
        long g = rt.generation();
        if (g == generation) {
            return;
        }
        generation = g;
        hops.clear();
        List<InterfaceAddress> all = rt.addresses();
        int ports = names.length;
        v4Addrs = new byte[ports][][];
        v4Prefix = new int[ports][];
        v6Addrs = new byte[ports][][];
        v6Prefix = new int[ports][];
        for (int i = 0; i < ports; i++) {
            v4Addrs[i] = addrs(all, names[i], 4);
            v4Prefix[i] = prefixes(all, names[i], 4);
            v6Addrs[i] = addrs(all, names[i], 16);
            v6Prefix[i] = prefixes(all, names[i], 16);
        }
    }

    private static byte[][] addrs(List<InterfaceAddress> all, String port, int len) {
        return all.stream().filter(a -> a.iface().equals(port) && a.address().getAddress().length == len)
                .map(a -> a.address().getAddress()).toArray(byte[][]::new);
    }

    private static int[] prefixes(List<InterfaceAddress> all, String port, int len) {
        return all.stream().filter(a -> a.iface().equals(port) && a.address().getAddress().length == len)
                .mapToInt(InterfaceAddress::prefixLength).toArray();
    }

    /**
     * Where route {@code r} leaves for the packet {@code b[0, len)} (a multipath route picks by flow
     * hash; len 0: the first next hop); null when it has none or leaves by a port this router does not run.
     */
    Hop hop(Route r, byte[] b, int len) {
        List<NextHop> nhs = r.nextHops();
        int n = nhs.size();
        if (n == 0) {
            return null;
        }
        NextHop nh = n == 1 || len <= 0 ? nhs.get(0) : nhs.get((FlowHash.hash(b, len) & 0x7fffffff) % n);
        refresh();
        Hop h = hops.get(nh);
        if (h == null) {
            int port = -1;
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(nh.iface())) {
                    port = i;
                }
            }
            if (port < 0) {
                return null; // a route out of a port this router does not run
            }
            h = new Hop(port, nh.gateway() == null ? null : nh.gateway().getAddress());
            hops.put(nh, h);
        }
        return h;
    }

    /**
     * The appliance's address to send from on {@code port} to {@code dst}: one whose prefix covers it,
     * else the port's first, else any of the family; null when the appliance has none.
     */
    public byte[] source(boolean v4, int port, byte[] dst, int dstOff) {
        refresh();
        byte[][] a = v4 ? v4Addrs[port] : v6Addrs[port];
        int[] pl = v4 ? v4Prefix[port] : v6Prefix[port];
        for (int i = 0; i < a.length; i++) {
            if (covers(a[i], pl[i], dst, dstOff)) {
                return a[i];
            }
        }
        if (a.length > 0) {
            return a[0];
        }
        byte[][][] all = v4 ? v4Addrs : v6Addrs;
        for (byte[][] x : all) {
            if (x.length > 0) {
                return x[0];
            }
        }
        return null;
    }

    private static boolean covers(byte[] net, int prefix, byte[] b, int off) {
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (net[i] != b[off + i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return ((net[full] ^ b[off + full]) & mask) == 0;
    }
}
