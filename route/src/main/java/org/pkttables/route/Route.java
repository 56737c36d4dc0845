package org.pkttables.route;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

import org.pkttables.api.Family;

/**
 * One entry of the routing table. Immutable; the lookup hands the same instance to every worker, so
 * reading {@link #nextHops()} on the hot path allocates nothing.
 *
 * @param family       {@link Family#IPV4} or {@link Family#IPV6}
 * @param destination  the network address (host bits zero)
 * @param prefixLength 0 … 32 or 0 … 128
 * @param type         what the route does
 * @param nextHops     at least one for UNICAST and LOCAL (LOCAL: the port owning the address), empty otherwise
 * @param metric       lower wins among routes of the same prefix
 * @param origin       where it came from
 */
public record Route(Family family, InetAddress destination, int prefixLength, RouteType type,
        List<NextHop> nextHops, int metric, Origin origin) {

    /** Where a route came from, as {@code ip route}'s {@code proto}. */
    public enum Origin {
        /** Implied by an interface address ({@code proto kernel scope link}). */
        CONNECTED,
        /** Configured ({@code proto static}): the appliance's configuration file, {@code ip route add … proto static}. */
        STATIC,
        /** Added by hand without a {@code proto} ({@code ip route add}'s default {@code proto boot}, not listed). */
        BOOT,
        /** The appliance's own address ({@code local} table). */
        LOCAL
    }

    public Route {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(origin, "origin");
        int bytes = destination.getAddress().length;
        if ((family == Family.IPV4 && bytes != 4) || (family == Family.IPV6 && bytes != 16)
                || (family != Family.IPV4 && family != Family.IPV6)) {
            throw new IllegalArgumentException("route " + destination.getHostAddress() + " does not fit family "
                    + family.id());
        }
        if (prefixLength < 0 || prefixLength > bytes * 8) {
            throw new IllegalArgumentException("prefix length /" + prefixLength + " out of range 0-" + bytes * 8);
        }
        nextHops = List.copyOf(nextHops);
        if ((type == RouteType.UNICAST || type == RouteType.LOCAL) && nextHops.isEmpty()) {
            throw new IllegalArgumentException(type.name().toLowerCase() + " route " + destination.getHostAddress()
                    + "/" + prefixLength + " needs a nexthop (dev or via)");
        }
    }

    /**
     * The next hop of a flow with this hash, in proportion to the weights (multipath); the only one
     * otherwise, {@code null} for a route without next hops. Hot path: allocates nothing.
     */
    public NextHop nextHop(int flowHash) {
        List<NextHop> hops = nextHops;
        int n = hops.size();
        if (n <= 1) {
            return n == 0 ? null : hops.get(0);
        }
        int total = 0;
        for (int i = 0; i < n; i++) {
            total += hops.get(i).weight();
        }
        int pick = Integer.remainderUnsigned(flowHash, total);
        for (int i = 0; i < n; i++) {
            pick -= hops.get(i).weight();
            if (pick < 0) {
                return hops.get(i);
            }
        }
        return hops.get(n - 1);
    }

    /** True if {@code iface} is one of this route's ways out (rp_filter's question, multipath included). */
    public boolean leavesThrough(String iface) {
        List<NextHop> hops = nextHops;
        for (int i = 0, n = hops.size(); i < n; i++) {
            if (hops.get(i).iface().equals(iface)) {
                return true;
            }
        }
        return false;
    }
}
