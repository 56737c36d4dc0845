package org.pkttables.nat.impl;

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
import org.pkttables.nat.NatServices;
import org.pkttables.nat.RoutedAddresses;
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
    private final RoutedAddresses addresses = new RoutedAddresses();
    @Reference
    private Ruleset ruleset;
    private NatServices nat;

    @Activate
    void activate(BundleContext bc) {
        nat = new NatServices(ruleset);
        nat.setAddresses(addresses);
        nat.register(bc);
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
        return "nat";
    }

    @Override
    public Set<Family> families() {
        return EnumSet.of(Family.IPV4);
    }
}
