package org.pkttables.nat;

import java.net.InetAddress;
import java.nio.ByteBuffer;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.route.InterfaceAddress;
import org.pkttables.route.RoutingTable;

/**
 * Where MASQUERADE and REDIRECT find the appliance's address on a port: router mode's address table (the
 * route bundle's {@link RoutingTable}) while one is bound, as the kernel's inet_select_addr picks it towards
 * the packet's destination. A port without an address of its own has none (the kernel drops). Asked for new
 * connections only.
 */
public final class RoutedAddresses implements NatCore.Addresses {
    private volatile RoutingTable routes;

    /** The routing table came (a NAT bundle's dynamic reference). */
    public void bind(RoutingTable rt) {
        routes = rt;
    }

    /** The routing table {@code rt} went. */
    public void unbind(RoutingTable rt) {
        if (routes == rt) {
            routes = null;
        }
    }

    @Override
    public long ipv4(String iface, PacketContext p) {
        InterfaceAddress a = source(Family.IPV4, iface, p, 16);
        return a == null ? -1 : ipv4(a.address());
    }

    @Override
    public long[] ipv6(String iface, PacketContext p) {
        InterfaceAddress a = source(Family.IPV6, iface, p, 24);
        byte[] b = a == null ? null : a.address().getAddress();
        if (b == null || b.length != 16) {
            return null;
        }
        return new long[] { ByteBuffer.wrap(b, 0, 8).getLong(), ByteBuffer.wrap(b, 8, 8).getLong() };
    }

    /** The address of {@code iface} the table picks towards the destination at {@code dst} in the header. */
    private InterfaceAddress source(Family f, String iface, PacketContext p, int dst) {
        RoutingTable rt = routes;
        if (rt == null) {
            return null;
        }
        InterfaceAddress a = rt.sourceAddress(f, iface, p.buffer(), p.l3Offset() + dst);
        return a == null || !a.iface().equals(iface) ? null : a;
    }

    /** An IPv4 address as an unsigned 32-bit value, -1 for another family's. */
    public static long ipv4(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length != 4) {
            return -1;
        }
        return ((b[0] & 0xffL) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }
}
