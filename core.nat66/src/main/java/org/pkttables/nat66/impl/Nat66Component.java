package org.pkttables.nat66.impl;

import java.util.EnumSet;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pkttables.api.Family;
import org.pkttables.api.Ruleset;
import org.pkttables.conntrack.NatTranslator;
import org.pkttables.nat.NatCore;
import org.pkttables.nat.NatServices;
import org.pkttables.nat.RoutedAddresses;
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
    private final RoutedAddresses addresses = new RoutedAddresses();
    @Reference
    private Ruleset ruleset;
    private NatServices nat;

    @Activate
    void activate(BundleContext bc) {
        nat = services(ruleset);
        nat.setAddresses(addresses);
        nat.register(bc);
    }

    /** The NAT66 services over {@code ruleset}, without OSGi (tests and benchmarks register them themselves). */
    public static NatServices services(Ruleset ruleset) {
        return new NatServices(ruleset, Ipv6Nat.INSTANCE, new NatCore(new java.security.SecureRandom().nextLong()));
    }

    @Deactivate
    void deactivate() {
        nat.unregister();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setRoutingTable(RoutingTable rt) {
        addresses.bind(rt);
    }

    void unsetRoutingTable(RoutingTable rt) {
        addresses.unbind(rt);
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
