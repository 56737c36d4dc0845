package org.pkttables.conntrack.impl;

import org.pkttables.api.HookFunction;
import org.pkttables.api.PacketContext;

/** The confirm step (priority {@code confirm}, INPUT and POSTROUTING): new entries enter the table here. */
public final class ConfirmHook implements HookFunction {
    private final ConntrackEngine engine;

    public ConfirmHook(ConntrackEngine engine) {
        this.engine = engine;
    }

    @Override
    public int process(PacketContext p) {
        return engine.confirm(p);
    }

    @Override
    public String toString() {
        return "conntrack confirm";
    }
}
