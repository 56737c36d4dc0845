package org.pkttables.conntrack.impl;

import org.pkttables.api.HookFunction;
import org.pkttables.api.PacketContext;

/** The confirm step (priority {@code confirm}, INPUT and POSTROUTING): new entries enter the table here. */
public final class ConfirmHook implements HookFunction {
    /** The engine's packet path, held directly: no hop through the engine per packet. */
    private final ConntrackPath path;

    public ConfirmHook(ConntrackEngine engine) {
        this.path = engine.path;
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
