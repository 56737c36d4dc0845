package org.pkttables.nat66.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.pkttables.api.Family;
import org.pkttables.api.HookFunction;
import org.pkttables.conntrack.impl.ConfirmHook;
import org.pkttables.conntrack.impl.ConntrackCommand;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.conntrack.impl.ConntrackHook;
import org.pkttables.conntrack.impl.NatTableGuard;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.nat.NatCore;
import org.pkttables.nat.NatServices;
import org.pkttables.tables.testing.Harness;

/**
 * The appliance's NAT without OSGi: the core with IPv4 and IPv6, conntrack, confirm and its fail-closed
 * {@link NatTableGuard}s, core.nat's IPv4 services and this bundle's IPv6 ones, each registered as its
 * bundle registers them; {@link #stop66()} and {@link #start66()} do what stopping and starting core.nat66 do.
 */
final class Nat66Harness {
    private final ConntrackEngine engine;
    private final Harness h;
    private final List<Object> nat66 = new ArrayList<>();
    private final Map<HookFunction, Map<String, Object>> hooks66;

    Nat66Harness(ConntrackEngine engine, NatCore core66) {
        this.engine = engine;
        String[] fam = { "ipv4", "ipv6" };
        h = new Harness().with(new Ipv4Handler(), new Ipv6Handler()).with(new ConntrackCommand(engine));
        h.with(new ConntrackHook(engine), ConntrackHook.properties(fam));
        h.with(new ConfirmHook(engine), ConfirmHook.properties(fam));
        h.with(new NatTableGuard(engine, h::ruleset), NatTableGuard.properties(true));
        h.with(new NatTableGuard(engine, h::ruleset), NatTableGuard.properties(false));
        NatServices four = new NatServices(h.ruleset());
        h.with(four.targets().toArray());
        four.hooks().forEach(h::with);
        NatServices six = new NatServices(h.ruleset(), Ipv6Nat.INSTANCE, core66);
        nat66.addAll(six.targets());
        hooks66 = six.hooks();
        start66();
    }

    Harness harness() {
        return h;
    }

    /** What stopping core.nat66 does: its targets and hooks leave, conntrack learns IPv6 has no NAT engine. */
    void stop66() {
        for (Object t : nat66) {
            h.without(t);
        }
        hooks66.keySet().forEach(h::without);
        engine.setNatPresent(Family.IPV6, false);
    }

    /** What starting it does: they come back, and so does translation of the IPv6 connections bound before. */
    void start66() {
        h.with(nat66.toArray());
        hooks66.forEach(h::with);
        engine.setNatPresent(Family.IPV4, true);
        engine.setNatPresent(Family.IPV6, true);
    }
}
