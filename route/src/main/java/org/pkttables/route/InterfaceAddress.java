package org.pkttables.route;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An address the appliance owns on one of its ports ({@code ip addr add 10.0.1.1/24 dev eth0}). It
 * answers ARP / neighbour discovery for it, delivers packets to it through INPUT, and it implies the
 * connected route of its prefix.
 */
public record InterfaceAddress(String iface, InetAddress address, int prefixLength) {
    public InterfaceAddress {
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(address, "address");
        iface = iface.intern();
        int max = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length /" + prefixLength + " out of range 0-" + max
                    + " for " + address.getHostAddress());
        }
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength + " dev " + iface;
    }
}
