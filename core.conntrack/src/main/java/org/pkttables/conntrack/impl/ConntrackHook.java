package org.pkttables.conntrack.impl;

import org.pkttables.api.Hook;
import org.pkttables.api.HookFunction;
import org.pkttables.api.PacketContext;

/**
 * The conntrack hook function (priority {@code conntrack}): tracks at PREROUTING and OUTPUT, where
 * packets enter; at the other hooks it only re-attaches the packet's view when the pipeline handed a
 * fresh context, so rules there see the state.
 */
public final class ConntrackHook implements HookFunction {
    private final ConntrackEngine engine;

    public ConntrackHook(ConntrackEngine engine) {
        this.engine = engine;
    }

    @Override
    public int process(PacketContext p) {
        Hook h = p.hook();
        return h == Hook.PREROUTING || h == Hook.OUTPUT ? engine.track(p) : engine.carry(p);
    }

    @Override
    public String toString() {
        return "conntrack";
    }
}
