package org.pkttables.io.router;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.pkttables.api.Family;
import org.pkttables.io.workers.ModeRuntime;
import org.pkttables.io.workers.WorkerCount;
import org.pkttables.route.InterfaceAddress;
import org.pkttables.route.NextHop;
import org.pkttables.route.Route;
import org.pkttables.route.RouteType;

/**
 * Router mode's settings: the ports and workers (changing them restarts capture) and, when the
 * configuration names them ({@code addresses != null}), the addresses and static routes installed in
 * the routing table (changing them does not restart anything). Addresses and routes are written as
 * {@code ip addr} / {@code ip route} take them: {@code 10.0.1.1/24 dev veth1},
 * {@code 10.9.0.0/16 via 10.0.2.2 dev veth2}, {@code default via fd00:2::2}, {@code blackhole 10.8.0.0/16}.
 */
record RouterSettings(List<String> ports, WorkerCount workers, int neighbourAgeingSeconds,
        List<InterfaceAddress> addresses, List<Route> routes) {
    /** {@code workers} given explicitly. */
    RouterSettings(List<String> ports, int workers, int neighbourAgeingSeconds, List<InterfaceAddress> addresses,
            List<Route> routes) {
        this(ports, WorkerCount.explicit(workers, "configuration"), neighbourAgeingSeconds, addresses, routes);
    }

    RouterSettings {
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("a router needs at least one port");
        }
        ModeRuntime.check(ports, workers.count());
        if (neighbourAgeingSeconds < 1) {
            throw new IllegalArgumentException("neighbour ageing must be at least 1 second, got "
                    + neighbourAgeingSeconds);
        }
        ports = List.copyOf(ports);
        addresses = addresses == null ? null : List.copyOf(addresses);
        routes = routes == null ? null : List.copyOf(routes);
        if (addresses != null) {
            for (InterfaceAddress a : addresses) {
                if (!ports.contains(a.iface())) {
                    throw new IllegalArgumentException("address " + a + ": " + a.iface() + " is not a router port "
                            + ports);
                }
            }
        }
    }

    /** Same ports and workers: a change of the rest needs no restart of capture. */
    boolean sameCapture(RouterSettings o) {
        return o != null && o.ports.equals(ports) && o.workers.count() == workers.count()
                && o.neighbourAgeingSeconds == neighbourAgeingSeconds;
    }

    /** {@code ADDRESS/LEN dev PORT}. */
    static InterfaceAddress parseAddress(String s) {
        String[] w = s.trim().split("\\s+");
        if (w.length != 3 || !w[1].equals("dev")) {
            throw new IllegalArgumentException("address `" + s + "': expected ADDRESS/PREFIXLEN dev PORT");
        }
        int slash = w[0].indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("address `" + s + "': the prefix length is missing (/24, /64)");
        }
        InetAddress a = literal(w[0].substring(0, slash), s);
        return new InterfaceAddress(w[2], a, prefixLength(w[0].substring(slash + 1), a, s));
    }

    /**
     * {@code [unicast|blackhole|unreachable|prohibit] PREFIX|default [via GATEWAY] [dev PORT] [metric N]};
     * without {@code dev}, the port is the one whose address covers the gateway.
     */
    static Route parseRoute(String s, List<InterfaceAddress> addresses) {
        List<String> w = new ArrayList<>(List.of(s.trim().split("\\s+")));
        RouteType type = RouteType.UNICAST;
        if (!w.isEmpty() && w.get(0).matches("unicast|blackhole|unreachable|prohibit")) {
            type = RouteType.valueOf(w.remove(0).toUpperCase(java.util.Locale.ROOT));
        }
        if (w.isEmpty()) {
            throw new IllegalArgumentException("route `" + s + "': the destination is missing");
        }
        String dst = w.remove(0);
        InetAddress via = null;
        String dev = null;
        int metric = 0;
        while (!w.isEmpty()) {
            String k = w.remove(0);
            if (w.isEmpty()) {
                throw new IllegalArgumentException("route `" + s + "': `" + k + "' needs a value");
            }
            String v = w.remove(0);
            switch (k) {
                case "via":
                    via = literal(v, s);
                    break;
                case "dev":
                    dev = v;
                    break;
                case "metric":
                    try {
                        metric = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("route `" + s + "': metric `" + v + "' is not a number", e);
                    }
                    break;
                default:
                    throw new IllegalArgumentException("route `" + s + "': unknown word `" + k
                            + "' (expected via, dev, metric)");
            }
        }
        Family family;
        InetAddress net;
        int len;
        if (dst.equals("default")) {
            family = via != null && via.getAddress().length == 16 ? Family.IPV6 : Family.IPV4;
            net = literal(family == Family.IPV4 ? "0.0.0.0" : "::", s);
            len = 0;
        } else {
            int slash = dst.indexOf('/');
            net = literal(slash < 0 ? dst : dst.substring(0, slash), s);
            len = slash < 0 ? net.getAddress().length * 8 : prefixLength(dst.substring(slash + 1), net, s);
            family = net.getAddress().length == 4 ? Family.IPV4 : Family.IPV6;
            byte[] a = net.getAddress();
            for (int bit = len; bit < a.length * 8; bit++) {
                if ((a[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                    throw new IllegalArgumentException("route `" + s + "': " + dst
                            + " has host bits set (invalid prefix for the prefix length)");
                }
            }
        }
        if (via != null && via.getAddress().length != net.getAddress().length) {
            throw new IllegalArgumentException("route `" + s + "': gateway " + via.getHostAddress()
                    + " is not of the destination's family");
        }
        List<NextHop> hops = new ArrayList<>();
        if (type == RouteType.UNICAST) {
            if (dev == null && via != null) {
                dev = portFor(via, addresses);
            }
            if (dev == null) {
                throw new IllegalArgumentException("route `" + s + "': needs `dev PORT' or a gateway (`via') on the "
                        + "subnet of one of the router's addresses");
            }
            hops.add(new NextHop(dev, via));
        }
        return new Route(family, net, len, type, hops, metric, Route.Origin.STATIC);
    }

    private static String portFor(InetAddress gw, List<InterfaceAddress> addresses) {
        byte[] g = gw.getAddress();
        for (InterfaceAddress a : addresses) {
            byte[] x = a.address().getAddress();
            if (x.length != g.length) {
                continue;
            }
            boolean in = true;
            for (int bit = 0; bit < a.prefixLength() && in; bit++) {
                int m = 0x80 >>> (bit % 8);
                in = (x[bit / 8] & m) == (g[bit / 8] & m);
            }
            if (in) {
                return a.iface();
            }
        }
        return null;
    }

    private static int prefixLength(String s, InetAddress a, String whole) {
        try {
            int n = Integer.parseInt(s);
            if (n < 0 || n > a.getAddress().length * 8) {
                throw new IllegalArgumentException("`" + whole + "': prefix length /" + n + " out of range 0-"
                        + a.getAddress().length * 8);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("`" + whole + "': prefix length `" + s + "' is not a number", e);
        }
    }

    /** An IPv4 or IPv6 literal (never a name: no DNS lookups). */
    static InetAddress literal(String s, String whole) {
        boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = s.contains(":") && s.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("`" + whole + "': `" + s + "' is not an IPv4 or IPv6 address");
        }
        if (v4) {
            for (String part : s.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    throw new IllegalArgumentException("`" + whole + "': `" + s + "' is not an IPv4 address");
                }
            }
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("`" + whole + "': `" + s + "' is not an address: " + e.getMessage(), e);
        }
    }
}
