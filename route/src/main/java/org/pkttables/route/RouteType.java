package org.pkttables.route;

/** What a route does with a packet, as in {@code ip route} ({@code RTN_*}). */
public enum RouteType {
    /** Forward through the route's next hops. */
    UNICAST,
    /** The destination is one of the appliance's own addresses: deliver to INPUT. */
    LOCAL,
    /** Discard silently. */
    BLACKHOLE,
    /** Discard and answer ICMP net/host unreachable. */
    UNREACHABLE,
    /** Discard and answer ICMP administratively prohibited. */
    PROHIBIT
}
