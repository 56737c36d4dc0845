package org.pkttables.nat.impl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pkttables.api.HookFunction;
import org.pkttables.api.Ruleset;
import org.pkttables.api.ext.TargetType;

/**
 * The NAT engine's services, built without OSGi: the five targets, and the two hook functions with the
 * service properties they are registered under (families ipv4 and ipv6; PREROUTING and OUTPUT at {@code dstnat},
 * INPUT and POSTROUTING at {@code srcnat}). {@link NatComponent} registers exactly these; benchmarks and
 * embedders register them with their own core.
 */
public final class NatServices {
    private final NatCore core = new NatCore();
    private final List<TargetType> targets;
    private final Map<HookFunction, Map<String, Object>> hooks = new LinkedHashMap<>();

    public NatServices(Ruleset ruleset) {
        targets = List.of(new SnatTargetType(core), new DnatTargetType(core), new MasqueradeTargetType(core),
                new RedirectTargetType(core), new NetmapTargetType(core));
        hooks.put(new NatHook(core, ruleset, NatCore.DST), props(new String[] { "PREROUTING", "OUTPUT" }, "dstnat"));
        hooks.put(new NatHook(core, ruleset, NatCore.SRC), props(new String[] { "INPUT", "POSTROUTING" }, "srcnat"));
    }

    private static Map<String, Object> props(String[] hookNames, String priority) {
        return Map.of(HookFunction.FAMILY, new String[] { "ipv4", "ipv6" }, HookFunction.HOOK, hookNames, HookFunction.PRIORITY, priority);
    }

    public List<TargetType> targets() {
        return targets;
    }

    /** Each hook function with its service properties. */
    public Map<HookFunction, Map<String, Object>> hooks() {
        return hooks;
    }

    /** Where MASQUERADE and REDIRECT find the appliance's addresses. */
    void setAddresses(NatCore.Addresses a) {
        core.setAddresses(a);
    }
}
