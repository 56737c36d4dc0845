package org.pkttables.conntrack.impl;

import java.util.Map;

import org.pkttables.api.Hook;
import org.pkttables.api.HookFunction;
import org.pkttables.api.PacketContext;

/**
 * The conntrack hook function (priority {@code conntrack}): tracks at PREROUTING and OUTPUT, where
 * packets enter; at the other hooks it only re-attaches the packet's view when the pipeline handed a
 * fresh context, so rules there see the state.
 */
public final class ConntrackHook implements HookFunction {
    /** The engine's packet path, held directly: no hop through the engine per packet. */
    private final ConntrackPath path;

    public ConntrackHook(ConntrackEngine engine) {
        this.path = engine.path;
    }

    /** The service properties the core places it by: every hook of {@code families}, priority conntrack. */
    public static Map<String, Object> properties(String... families) {
        return Map.of(HookFunction.FAMILY, families, HookFunction.HOOK,
                new String[] { "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING" },
                HookFunction.PRIORITY, "conntrack");
    }

    @Override
    public int process(PacketContext p) {
        Hook h = p.hook();
        return h == Hook.PREROUTING || h == Hook.OUTPUT ? path.track(p) : path.carry(p);
    }

    @Override
    public String toString() {
        return "conntrack";
    }
}
