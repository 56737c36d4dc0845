package org.pkttables.route;

import java.net.InetAddress;
import java.util.List;

import org.pkttables.api.Family;

/**
 * The appliance's addresses and routes, one service shared by router mode, {@code rpfilter} and NAT.
 * Reads are lock-free and allocation-free (an immutable snapshot swapped on every change); changes are
 * atomic: a lookup sees the table before or after a change, never half of it.
 */
public interface RoutingTable {

    /**
     * Longest-prefix match for the address stored at {@code buf[offset …]} (4 bytes for IPv4, 16 for
     * IPv6), local routes first as the kernel's local table is. Hot path: allocates nothing.
     *
     * @return the best route, or {@code null} when none covers the address
     */
    Route lookup(Family family, byte[] buf, int offset);

    /** {@link #lookup(Family, byte[], int)} for an {@link InetAddress} (not for the hot path). */
    default Route lookup(InetAddress address) {
        byte[] a = address.getAddress();
        return lookup(a.length == 4 ? Family.IPV4 : Family.IPV6, a, 0);
    }

    /**
     * The appliance's own address equal to the one at {@code buf[offset …]}, or {@code null}. Hot path:
     * allocates nothing.
     */
    InterfaceAddress localAddress(Family family, byte[] buf, int offset);

    /**
     * All routes of the longest prefix covering the address in the main table (local routes not
     * included), lowest metric first: the candidates the kernel's IPv6 lookup chooses among when it
     * prefers an interface (rp_filter strict mode for IPv6). Empty when no prefix covers it. Hot path:
     * allocates nothing (the list is part of the table).
     */
    List<Route> lookupAll(Family family, byte[] buf, int offset);

    /**
     * Longest-prefix match among the routes that leave through {@code iface} (the kernel's lookup with
     * an output interface, {@code RT6_LOOKUP_F_IFACE}): IPv6 link-local addresses exist on every link,
     * so rp_filter asks "is there a route to this source on the port it came in on?". Local routes are
     * not considered. Hot path: allocates nothing.
     *
     * @return the best route through {@code iface}, or {@code null}
     */
    Route lookupVia(Family family, byte[] buf, int offset, String iface);

    /**
     * The source address the appliance uses towards the address at {@code buf[offset …]} out of
     * {@code iface} (ICMP errors, {@code ip route get}): as the kernel's {@code inet_select_addr}, the
     * first address on {@code iface} whose prefix covers it, else the first address of the family on
     * {@code iface}, else the first of the family anywhere; {@code null} if the appliance has none.
     * Hot path: allocates nothing.
     */
    InterfaceAddress sourceAddress(Family family, String iface, byte[] buf, int offset);

    /** All addresses, in the order they were added. */
    List<InterfaceAddress> addresses();

    /** All routes (connected, static, local) of one family, most specific first. */
    List<Route> routes(Family family);

    /** Adds an address and its connected and local routes; fails if the address is already there. */
    void addAddress(InterfaceAddress address);

    /** Removes an address and the routes it implied; fails if it is not there. */
    void deleteAddress(InterfaceAddress address);

    /** Adds a static route; fails if the same prefix and metric exist ({@code ip route add} semantics). */
    void addRoute(Route route);

    /** Adds or replaces the route of the same prefix and metric. */
    void replaceRoute(Route route);

    /** Removes a static route; fails if it is not there. */
    void deleteRoute(Route route);

    /**
     * Replaces every address and static route at once (a configuration load): either all of them are
     * valid and installed together, or an {@link IllegalArgumentException} names the first bad one and
     * the table is unchanged.
     */
    void configure(List<InterfaceAddress> addresses, List<Route> staticRoutes);

    /** Incremented by every change, for caches (a route cache in a worker, a NAT source choice). */
    long generation();
}
