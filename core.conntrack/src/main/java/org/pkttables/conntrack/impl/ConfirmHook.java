package org.pkttables.conntrack.impl;

import java.util.Map;

import org.pkttables.api.HookFunction;
import org.pkttables.api.PacketContext;

/** The confirm step (priority {@code confirm}, INPUT and POSTROUTING): new entries enter the table here. */
public final class ConfirmHook implements HookFunction {
    /** The engine's packet path, held directly: no hop through the engine per packet. */
    private final ConntrackPath path;

    public ConfirmHook(ConntrackEngine engine) {
        this.path = engine.path;
    }

    /** The service properties the core places it by: INPUT and POSTROUTING of {@code families}, priority confirm. */
    public static Map<String, Object> properties(String... families) {
        return Map.of(HookFunction.FAMILY, families, HookFunction.HOOK, new String[] { "INPUT", "POSTROUTING" },
                HookFunction.PRIORITY, "confirm");
    }

    @Override
    public int process(PacketContext p) {
        return path.confirm(p);
    }

    @Override
    public String toString() {
        return "conntrack confirm";
    }
}
