package org.pkttables.nat.impl;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Ruleset;
import org.pkttables.conntrack.NatTranslator;
import org.pkttables.nat.NatServices;
import org.pkttables.route.InterfaceAddress;
import org.pkttables.route.RoutingTable;

/**
 * The NAT bundle (IPv4; core.nat66 is IPv6's): registers the NAT targets for iptables' rules, the two hook
 * functions for IPv4 and the {@link NatTranslator} that tells core.conntrack an IPv4 NAT engine is there.
 * Stopping the bundle takes them all away; connections keep their bindings in the conntrack table, whose
 * packets are then dropped (core.conntrack fails closed) until the bundle is back. MASQUERADE and REDIRECT
 * take addresses from the routing table (router mode's address table) when one is there.
 */
@Component(immediate = true, service = NatTranslator.class)
public final class NatComponent implements NatTranslator {
    private final List<ServiceRegistration<?>> regs = new ArrayList<>();
    @Reference
    private Ruleset ruleset;
    private volatile RoutingTable routes;

    @Activate
    void activate(BundleContext bc) {
        NatServices nat = new NatServices(ruleset);
        nat.setAddresses(this::address);
        regs.addAll(nat.register(bc));
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<?> r : regs) {
            r.unregister();
        }
        regs.clear();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setRoutingTable(RoutingTable rt) {
        routes = rt;
    }

    void unsetRoutingTable(RoutingTable rt) {
        if (routes == rt) {
            routes = null;
        }
    }

    /** The appliance's IPv4 address on {@code iface} towards the packet's destination (new connections only). */
    private long address(String iface, PacketContext p) {
        RoutingTable rt = routes;
        if (rt == null) {
            return -1;
        }
        InterfaceAddress a = rt.sourceAddress(Family.IPV4, iface, p.buffer(), p.l3Offset() + 16);
        if (a == null || !a.iface().equals(iface)) {
            return -1; // the port has no address of its own: the kernel drops (MASQUERADE, REDIRECT)
        }
        return ipv4(a.address());
    }

    static long ipv4(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length != 4) {
            return -1;
        }
        return ((b[0] & 0xffL) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    @Override
    public String name() {
        return "nat";
    }

    @Override
    public Set<Family> families() {
        return EnumSet.of(Family.IPV4);
    }
}
