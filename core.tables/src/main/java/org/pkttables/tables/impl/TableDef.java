package org.pkttables.tables.impl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.HookPriority;

/** A built-in table of a family: its name, built-in chains (one per hook) and hook priority. */
record TableDef(String name, List<Hook> hooks, int priority, boolean hooked) {

    static final String FILTER = "filter";

    /** The tables each family has, in the order iptables-save prints them. */
    static List<TableDef> of(Family f) {
        List<TableDef> l = new ArrayList<>();
        switch (f) {
            case IPV4:
            case IPV6:
                // Save order raw, mangle, nat, filter (the legacy tool's fixed order; the nft variant prints in creation
                // order), so saved files are stable.
                l.add(new TableDef("raw", List.of(Hook.PREROUTING, Hook.OUTPUT), HookPriority.RAW, true));
                l.add(new TableDef("mangle", List.of(Hook.values()), HookPriority.MANGLE, true));
                // Not hooked: the NAT engine (core.nat) runs it through Ruleset.evaluate for the first packet of
                // each connection only, as the kernel's nf_nat hooks run the nat table; later packets are
                // translated from the connection's binding. Without core.nat the chains load and never run.
                l.add(new TableDef("nat", List.of(Hook.PREROUTING, Hook.INPUT, Hook.OUTPUT, Hook.POSTROUTING),
                        HookPriority.NAT_DST, false));
                l.add(new TableDef(FILTER, List.of(Hook.INPUT, Hook.FORWARD, Hook.OUTPUT), HookPriority.FILTER, true));
                break;
            case ARP:
                // INPUT, OUTPUT and FORWARD, in that order, as the kernel's arptable_filter and arptables-legacy
                // (arptables-nft 1.8.9 has no FORWARD): FORWARD sees the ARP a bridge forwards, as br_netfilter
                // passes it with net.bridge.bridge-nf-call-arptables=1 (io's bridge mode).
                l.add(new TableDef(FILTER, List.of(Hook.INPUT, Hook.OUTPUT, Hook.FORWARD), HookPriority.FILTER,
                        true));
                break;
            case BRIDGE:
                // Save order filter, nat (as ebtables-save lists them). nat rewrites MAC addresses without
                // connection tracking, so it is hooked; its priority puts it before filter, as in the kernel
                // (NF_BR_PRI_NAT_DST_* < NF_BR_PRI_FILTER_*). No broute table: ebtables-nft 1.8.9 has none.
                l.add(new TableDef(FILTER, List.of(Hook.INPUT, Hook.FORWARD, Hook.OUTPUT), HookPriority.FILTER, true));
                l.add(new TableDef("nat", List.of(Hook.PREROUTING, Hook.OUTPUT, Hook.POSTROUTING),
                        HookPriority.NAT_DST, true));
                break;
            default:
                break;
        }
        return Collections.unmodifiableList(l);
    }
}
