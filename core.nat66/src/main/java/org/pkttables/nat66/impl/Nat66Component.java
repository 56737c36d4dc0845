package org.pkttables.nat66.impl;

import java.nio.ByteBuffer;
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
import org.pkttables.nat.NatCore;
import org.pkttables.nat.NatServices;
import org.pkttables.route.InterfaceAddress;
import org.pkttables.route.RoutingTable;

/**
 * The NAT66 bundle: registers the NAT targets for ip6tables' rules, the two hook functions for IPv6 and the
 * {@link NatTranslator} that tells core.conntrack an IPv6 NAT engine is there, over core.nat's engine (an
 * instance of its own). Stopping the bundle takes them all away while core.nat keeps translating IPv4:
 * IPv6 connections keep their bindings in the conntrack table, and their packets are dropped and counted
 * (core.conntrack fails closed per family) until the bundle is back. MASQUERADE and REDIRECT take addresses
 * from the routing table (router mode's address table) when one is there.
 */
@Component(immediate = true, service = NatTranslator.class)
public final class Nat66Component implements NatTranslator {
    private final List<ServiceRegistration<?>> regs = new ArrayList<>();
    @Reference
    private Ruleset ruleset;
    private volatile RoutingTable routes;

    @Activate
    void activate(BundleContext bc) {
        NatServices nat = services(ruleset);
        nat.setAddresses(new NatCore.Addresses() {
            @Override
            public long ipv4(String iface, PacketContext p) {
                return -1;
            }

            @Override
            public long[] ipv6(String iface, PacketContext p) {
                return address6(iface, p);
            }
        });
        regs.addAll(nat.register(bc));
    }

    /** The NAT66 services over {@code ruleset}, without OSGi (tests and benchmarks register them themselves). */
    public static NatServices services(Ruleset ruleset) {
        return new NatServices(ruleset, Ipv6Nat.INSTANCE, new NatCore());
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

    /** The appliance's IPv6 address on {@code iface} towards the packet's destination, {hi, lo}, or null. */
    private long[] address6(String iface, PacketContext p) {
        RoutingTable rt = routes;
        if (rt == null) {
            return null;
        }
        InterfaceAddress a = rt.sourceAddress(Family.IPV6, iface, p.buffer(), p.l3Offset() + 24);
        if (a == null || !a.iface().equals(iface)) {
            return null; // the port has no address of its own: the kernel drops (MASQUERADE, REDIRECT)
        }
        byte[] b = a.address().getAddress();
        if (b.length != 16) {
            return null;
        }
        return new long[] { ByteBuffer.wrap(b, 0, 8).getLong(), ByteBuffer.wrap(b, 8, 8).getLong() };
    }

    @Override
    public String name() {
        return "nat66";
    }

    @Override
    public Set<Family> families() {
        return EnumSet.of(Family.IPV6);
    }
}
