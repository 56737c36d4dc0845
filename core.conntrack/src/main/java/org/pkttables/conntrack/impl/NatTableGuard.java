package org.pkttables.conntrack.impl;

import java.util.Map;
import java.util.function.Supplier;

import org.pkttables.api.HookFunction;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Ruleset;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.NatEntry;

/**
 * The {@code nat} table while no NAT engine is there for a family (core.nat stopped for IPv4, core.nat66
 * for IPv6, or not installed): the engine runs that table for the first packet of each connection, so
 * without it a new connection would pass its NAT rules untouched and leave untranslated. This hook function
 * runs the table instead, for the same packets (the first of a new IPv4 or IPv6 connection whose family has
 * no engine, at the engine's hooks and priorities): a rule whose NAT target is not loaded then drops and
 * counts every packet that reaches it, as every rule of a missing extension does (fail closed); a chain
 * without NAT rules passes its packets as it would with the engine. With the family's engine registered it
 * does nothing; packets of connections bound before the engine left are dropped by the conntrack path
 * ({@link ConntrackPath#natPresent}).
 */
public final class NatTableGuard implements HookFunction {
    private final ConntrackPath path;
    private final Supplier<Ruleset> ruleset;

    public NatTableGuard(ConntrackEngine engine, Supplier<Ruleset> ruleset) {
        this.path = engine.path;
        this.ruleset = ruleset;
    }

    /** Destination-NAT hooks (PREROUTING, OUTPUT) at {@code dstnat}, source-NAT ones at {@code srcnat}. */
    public static Map<String, Object> properties(boolean destination) {
        return Map.of(HookFunction.FAMILY, new String[] { "ipv4", "ipv6" }, HookFunction.HOOK,
                destination ? new String[] { "PREROUTING", "OUTPUT" } : new String[] { "INPUT", "POSTROUTING" },
                HookFunction.PRIORITY, destination ? "dstnat" : "srcnat");
    }

    @Override
    public int process(PacketContext p) {
        Object o = p.conntrack();
        if (!(o instanceof NatEntry)) {
            return Verdict.ACCEPT;
        }
        NatEntry e = (NatEntry) o;
        if (!e.hasEntry() || !e.unconfirmed() || path.natPresent(!e.ipv4())) {
            return Verdict.ACCEPT; // not a new connection, or the family's engine runs the table
        }
        Ruleset r = ruleset.get();
        return r == null ? Verdict.DROP : r.evaluate("nat", p);
    }

    @Override
    public String toString() {
        return "nat fail-closed guard";
    }
}
