package org.pkttables.route;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One way out: the appliance port and, unless the destination is on the link, the gateway. A
 * multipath route has several, each with a weight.
 *
 * @param iface   the appliance port name (an interface it is attached to)
 * @param gateway the next router, or {@code null} when the destination is directly connected
 * @param weight  relative share of flows for multipath (1 … 256)
 */
public record NextHop(String iface, InetAddress gateway, int weight) {
    public NextHop {
        Objects.requireNonNull(iface, "iface");
        iface = iface.intern(); // hot-path comparisons against PacketContext interface names
        if (weight < 1 || weight > 256) {
            throw new IllegalArgumentException("nexthop weight " + weight + " out of range 1-256");
        }
    }

    public NextHop(String iface, InetAddress gateway) {
        this(iface, gateway, 1);
    }
}
